#include "gateway/translators/openai/passthrough_stream.hpp"

#include "gateway/translators/openai/usage_parser.hpp"

namespace keygate::openai {

namespace {

// Finds `"key"` followed by optional spaces and a colon; returns the position after the colon.
std::size_t find_key(std::string_view json, std::string_view quoted_key) {
  for (std::size_t at = json.find(quoted_key); at != std::string_view::npos;
       at = json.find(quoted_key, at + 1)) {
    std::size_t i = at + quoted_key.size();
    while (i < json.size() && json[i] == ' ') ++i;
    if (i < json.size() && json[i] == ':') {
      ++i;
      while (i < json.size() && json[i] == ' ') ++i;
      return i;
    }
  }
  return std::string_view::npos;
}

bool value_starts_with(std::string_view json, std::string_view quoted_key, char c) {
  auto at = find_key(json, quoted_key);
  return at != std::string_view::npos && at < json.size() && json[at] == c;
}

bool has_nonempty_string(std::string_view json, std::string_view quoted_key) {
  auto at = find_key(json, quoted_key);
  return at != std::string_view::npos && at + 1 < json.size() && json[at] == '"' &&
         json[at + 1] != '"';
}

bool choices_empty(std::string_view json) {
  auto at = find_key(json, R"("choices")");
  if (at == std::string_view::npos || json[at] != '[') return false;
  ++at;
  while (at < json.size() && (json[at] == ' ' || json[at] == '\n')) ++at;
  return at < json.size() && json[at] == ']';
}

}  // namespace

void passthrough_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) {
    if (!inspect(event)) return;
    // An event assembled across reads lives in the splitter's storage: copy it; else forward.
    const bool inside = event.data() >= bytes.data() && event.data() < bytes.data() + bytes.size();
    if (inside)
      out.forward(event);
    else
      out.emit(std::string(event));
  });
}

token_usage passthrough_stream::usage() const {
  if (usage_.known) return usage_;
  token_usage estimate;
  estimate.completion = content_chunks_;
  return estimate;
}

bool passthrough_stream::inspect(std::string_view event) {
  std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return true;  // comments, keep-alives
  if (data == "[DONE]") {
    done_ = true;
    return true;
  }
  if (!first_data_seen_) {  // one check of the JSON per stream, on its first event
    first_data_seen_ = true;
    token_usage ignored;
    malformed_ = data.front() != '{' || !read_usage(data, ignored);
  }
  if (data.front() != '{') return true;
  if (has_nonempty_string(data, R"("content")") || has_nonempty_string(data, R"("arguments")"))
    ++content_chunks_;
  // A cheap look first: only chunks with a non-null usage or an error need a parse.
  if (value_starts_with(data, R"("error")", '{')) {
    upstream_error_ = true;
    return true;
  }
  if (!value_starts_with(data, R"("usage")", '{')) return true;
  read_usage(data, usage_);
  return client_wants_usage_ || !choices_empty(data);
}

}  // namespace keygate::openai
