#include "gateway/translators/common/sse_splitter.hpp"

namespace keygate {

std::size_t sse_splitter::scan(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\n' && after_cr_) {  // the second half of "\r\n"
      after_cr_ = false;
      continue;
    }
    after_cr_ = false;
    if (c == '\r' || c == '\n') {
      after_cr_ = c == '\r';
      if (line_empty_) {
        // Keep a "\r\n" terminator whole when both halves are here.
        if (after_cr_ && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
          after_cr_ = false;
          return i + 2;
        }
        return i + 1;
      }
      line_empty_ = true;
    } else {
      line_empty_ = false;
    }
  }
  return std::string_view::npos;
}

std::string_view sse_event_data(std::string_view event, std::string& joined) {
  std::string_view first;
  int count = 0;
  joined.clear();
  while (!event.empty()) {
    std::size_t eol = event.find_first_of("\r\n");
    std::string_view line = event.substr(0, eol);
    event.remove_prefix(eol == std::string_view::npos ? event.size() : eol + 1);
    if (!line.starts_with("data")) continue;
    line.remove_prefix(4);
    if (!line.empty()) {
      if (line.front() != ':') continue;  // a field named "data..." but longer
      line.remove_prefix(1);
      if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    }
    if (++count == 1) {
      first = line;
    } else {
      if (count == 2) joined.assign(first);
      joined.push_back('\n');
      joined.append(line);
    }
  }
  return count > 1 ? std::string_view(joined) : first;
}

}  // namespace keygate
