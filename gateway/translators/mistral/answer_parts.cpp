#include "gateway/translators/mistral/answer_parts.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/mistral/tool_call_id.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::count_at;
using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

// The text of a thinking chunk's "thinking" list (or string).
std::string thinking_text(const json::object& chunk) {
  const auto* thinking = find(chunk, "thinking");
  if (!thinking) return {};
  if (thinking->is_string()) return std::string(thinking->get_string());
  std::string text;
  if (thinking->is_array())
    for (const auto& part : thinking->get_array())
      if (part.is_object()) text += string_at(part.get_object(), "text");
  return text;
}

}  // namespace

content_text flatten_content(const json::value& content) {
  content_text out;
  if (content.is_string()) out.text = content.get_string();
  if (!content.is_array()) return out;
  for (const auto& item : content.get_array()) {
    if (!item.is_object()) continue;
    const auto& chunk = item.get_object();
    const auto type = string_at(chunk, "type");
    if (type == "text")
      out.text += string_at(chunk, "text");
    else if (type == "thinking")
      out.thinking += thinking_text(chunk);
  }
  return out;
}

openai::tool_call read_tool_call(const json::object& call) {
  const auto& function = object_at(call, "function");
  std::string id(string_at(call, "id"));
  if (id.empty() || id == "null") id = synthesized_call_id();
  std::string arguments;
  if (const auto* given = find(function, "arguments"))
    arguments = given->is_string() ? std::string(given->get_string()) : json::serialize(*given);
  return {std::move(id), std::string(string_at(function, "name")), std::move(arguments)};
}

std::string_view finish_reason_for(std::string_view finish_reason) {
  if (finish_reason == "length" || finish_reason == "model_length") return "length";
  if (finish_reason == "tool_calls") return "tool_calls";
  return "stop";  // stop, and reasons newer than this code
}

bool is_error_finish(std::string_view finish_reason) {
  return finish_reason == "error";
}

openai_error generation_error() {
  return {502, "The upstream stopped generating with an error (finish_reason \"error\").",
          "server_error", std::nullopt, std::string("upstream_error")};
}

token_usage read_usage(const json::object& usage) {
  token_usage out;
  out.prompt = count_at(usage, "prompt_tokens");
  out.completion = count_at(usage, "completion_tokens");
  out.cached = count_at(object_at(usage, "prompt_tokens_details"), "cached_tokens");
  out.reasoning = count_at(object_at(usage, "completion_tokens_details"), "reasoning_tokens");
  out.known = find(usage, "prompt_tokens") || find(usage, "completion_tokens");
  return out;
}

}  // namespace keygate::mistral
