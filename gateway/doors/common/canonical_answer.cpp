#include "gateway/doors/common/canonical_answer.hpp"

#include <boost/json/parse.hpp>

#include "gateway/translators/common/json_fields.hpp"

namespace keygate::doors {

namespace json = boost::json;
using json_fields::count_at;
using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

namespace {

std::optional<json::object> parse_object(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

void read_tool_calls(const json::object& holder, std::vector<tool_call_part>& out) {
  const auto* calls = find(holder, "tool_calls");
  if (!calls || !calls->is_array()) return;
  std::size_t position = 0;
  for (const auto& item : calls->get_array()) {
    if (!item.is_object()) continue;
    const auto& call = item.get_object();
    tool_call_part part;
    const auto index = count_at(call, "index");
    part.index = find(call, "index") ? static_cast<std::size_t>(index) : position;
    part.id = string_at(call, "id");
    const auto& function = object_at(call, "function");
    part.name = string_at(function, "name");
    part.arguments = string_at(function, "arguments");
    out.push_back(std::move(part));
    ++position;
  }
}

void read_message_fields(const json::object& message, canonical_message& out) {
  out.content = string_at(message, "content");
  out.reasoning = string_at(message, "reasoning_content");
  if (const auto* refusal = find(message, "refusal"); refusal && refusal->is_string())
    out.refusal = std::string(refusal->get_string());
  read_tool_calls(message, out.tool_calls);
}

const json::object* first_choice(const json::object& root) {
  const auto* choices = find(root, "choices");
  if (!choices || !choices->is_array() || choices->get_array().empty()) return nullptr;
  const auto& first = choices->get_array().front();
  return first.is_object() ? &first.get_object() : nullptr;
}

}  // namespace

token_usage usage_of(const json::object& usage) {
  token_usage out;
  out.known = true;
  out.prompt = count_at(usage, "prompt_tokens");
  out.completion = count_at(usage, "completion_tokens");
  out.cached = count_at(object_at(usage, "prompt_tokens_details"), "cached_tokens");
  out.cache_write = count_at(usage, "cache_write_tokens");
  out.reasoning = count_at(object_at(usage, "completion_tokens_details"), "reasoning_tokens");
  return out;
}

std::optional<canonical_message> read_completion(std::string_view body) {
  auto root = parse_object(body);
  if (!root) return std::nullopt;
  const auto* choice = first_choice(*root);
  if (!choice) return std::nullopt;
  canonical_message out;
  out.id = string_at(*root, "id");
  out.model = string_at(*root, "model");
  read_message_fields(object_at(*choice, "message"), out);
  out.finish_reason = string_at(*choice, "finish_reason");
  if (const auto* usage = find(*root, "usage"); usage && usage->is_object())
    out.usage = usage_of(usage->get_object());
  return out;
}

std::optional<canonical_chunk> read_chunk(std::string_view data) {
  canonical_chunk out;
  if (data == "[DONE]") {
    out.done = true;
    return out;
  }
  auto root = parse_object(data);
  if (!root) return std::nullopt;
  if (const auto* error = find(*root, "error"); error && error->is_object()) {
    const auto& e = error->get_object();
    openai_error read;
    read.message = string_at(e, "message");
    read.type = string_at(e, "type");
    if (read.type.empty()) read.type = "server_error";
    if (auto code = string_at(e, "code"); !code.empty()) read.code = std::string(code);
    read.status = 502;
    out.error = std::move(read);
    return out;
  }
  out.delta.id = string_at(*root, "id");
  out.delta.model = string_at(*root, "model");
  if (const auto* choice = first_choice(*root)) {
    read_message_fields(object_at(*choice, "delta"), out.delta);
    out.delta.finish_reason = string_at(*choice, "finish_reason");
  }
  if (const auto* usage = find(*root, "usage"); usage && usage->is_object())
    out.delta.usage = usage_of(usage->get_object());
  return out;
}

}  // namespace keygate::doors
