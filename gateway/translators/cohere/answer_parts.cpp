#include "gateway/translators/cohere/answer_parts.hpp"

#include <boost/json/serialize.hpp>
#include <random>

#include "gateway/translators/common/json_fields.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::count_at;
using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

// "call_" + 24 random letters and digits, for a call that came without an id
// (docs/mapping.md#tool-calls-ids-tool-messages-arguments).
std::string synthesized_call_id() {
  static constexpr std::string_view alphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string id = "call_";
  for (int i = 0; i < 24; ++i) id += alphabet[pick(rng)];
  return id;
}

}  // namespace

content_text flatten_content(const json::value& content) {
  content_text out;
  if (content.is_string()) out.text = content.get_string();
  if (!content.is_array()) return out;
  for (const auto& item : content.get_array()) {
    if (!item.is_object()) continue;
    const auto& part = item.get_object();
    const auto type = string_at(part, "type");
    if (type == "text")
      out.text += string_at(part, "text");
    else if (type == "thinking")
      out.thinking += string_at(part, "thinking");
  }
  return out;
}

openai::tool_call read_tool_call(const json::object& call) {
  const auto& function = object_at(call, "function");
  std::string id(string_at(call, "id"));
  if (id.empty()) id = synthesized_call_id();
  std::string arguments;
  if (const auto* given = find(function, "arguments"))
    arguments = given->is_string() ? std::string(given->get_string()) : json::serialize(*given);
  return {std::move(id), std::string(string_at(function, "name")), std::move(arguments)};
}

std::string_view finish_reason_for(std::string_view finish_reason) {
  if (finish_reason == "MAX_TOKENS") return "length";
  if (finish_reason == "TOOL_CALL") return "tool_calls";
  return "stop";  // COMPLETE, STOP_SEQUENCE, ERROR or TIMEOUT after some output, newer reasons
}

std::optional<openai_error> failed_finish(std::string_view finish_reason, bool generated,
                                          std::string_view message) {
  if (generated || (finish_reason != "ERROR" && finish_reason != "TIMEOUT")) return std::nullopt;
  const bool timeout = finish_reason == "TIMEOUT";
  std::string text = message.empty() ? "The upstream stopped generating with finish_reason \"" +
                                           std::string(finish_reason) + "\" before any output."
                                     : std::string(message);
  return openai_error{timeout ? 504 : 502, std::move(text),
                      timeout ? "timeout_error" : "server_error", std::nullopt,
                      std::string("upstream_error")};
}

token_usage read_usage(const json::object& usage) {
  token_usage out;
  const auto* tokens = find(usage, "tokens");
  const auto& counted =
      tokens && tokens->is_object() ? tokens->get_object() : object_at(usage, "billed_units");
  out.prompt = count_at(counted, "input_tokens");
  out.completion = count_at(counted, "output_tokens");
  out.cached = count_at(usage, "cached_tokens");
  out.known = find(counted, "input_tokens") || find(counted, "output_tokens");
  return out;
}

}  // namespace keygate::cohere
