#include "gateway/translators/ollama/ndjson_splitter.hpp"

namespace keygate::ollama {

ndjson_splitter::step ndjson_splitter::scan(char c) {
  if (!started_) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return step::skip;
    started_ = true;
    in_string_ = escaped_ = false;
    depth_ = 0;
  }
  if (c == '\n') {  // a line ends its record, whole or not
    started_ = false;
    return step::end_before;
  }
  if (in_string_) {
    if (escaped_)
      escaped_ = false;
    else if (c == '\\')
      escaped_ = true;
    else if (c == '"')
      in_string_ = false;
    return step::more;
  }
  if (c == '"') {
    in_string_ = true;
  } else if (c == '{' || c == '[') {
    ++depth_;
  } else if ((c == '}' || c == ']') && depth_ > 0 && --depth_ == 0) {
    started_ = false;
    return step::end_after;
  }
  return step::more;
}

}  // namespace keygate::ollama
