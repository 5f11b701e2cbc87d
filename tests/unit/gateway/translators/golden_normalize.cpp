#include "golden_normalize.hpp"

#include <regex>

namespace keygate::golden {

namespace json = boost::json;

json::value normalized(json::value v, const provider_fixture& p) {
  static const std::regex synthesized("call_[A-Za-z0-9]{24}");
  static const std::regex completion("chatcmpl-[0-9a-f]{24}");
  if (v.is_object()) {
    for (auto& field : v.as_object()) {
      if (field.key() == "created") field.value() = 0;
      if (field.key() == "id" && field.value().is_string()) {
        const std::string id(field.value().as_string());
        if (p.random_call_ids && std::regex_match(id, synthesized))
          field.value() = "call_<synthesized>";
        if (p.random_completion_ids && std::regex_match(id, completion))
          field.value() = "chatcmpl-<random>";
      }
      field.value() = normalized(field.value(), p);
    }
  } else if (v.is_array()) {
    for (auto& item : v.as_array()) item = normalized(item, p);
  }
  return v;
}

std::string flatten(const outgoing_bytes& out) {
  std::string text;
  for (const auto& b : out.buffers()) text.append(static_cast<const char*>(b.data()), b.size());
  return text;
}

json::array chunks_of(const std::string& sse, const provider_fixture& p) {
  json::array chunks;
  std::size_t at = 0;
  while (at < sse.size()) {
    auto end = sse.find("\n\n", at);
    std::string event = sse.substr(at, end - at);
    at = end == std::string::npos ? sse.size() : end + 2;
    EXPECT_TRUE(event.starts_with("data: ")) << event;
    auto data = event.substr(6);
    chunks.push_back(data == "[DONE]" ? json::value("[DONE]") : normalized(json::parse(data), p));
  }
  return chunks;
}

}  // namespace keygate::golden
