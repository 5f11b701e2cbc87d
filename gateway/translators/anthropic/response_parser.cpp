#include "gateway/translators/anthropic/response_parser.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/anthropic/finish_and_usage.hpp"
#include "gateway/translators/anthropic/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

using json_fields::string_at;

openai_error not_a_message() {
  return invalid_upstream_answer("a response that is not an Anthropic message");
}

std::string compact(const json::object& block, std::string_view key) {
  auto it = block.find(key);
  return it == block.end() ? std::string("{}") : json::serialize(it->value());
}

}  // namespace

std::variant<openai_answer, openai_error> parse_message(std::string_view native_body,
                                                        bool json_response, bool reasoning) {
  boost::system::error_code ec;
  auto parsed = json::parse(native_body, ec);
  if (ec || !parsed.is_object()) return not_a_message();
  const auto& message = parsed.get_object();
  auto content = message.find("content");
  if (string_at(message, "type") != "message" || content == message.end() ||
      !content->value().is_array())
    return not_a_message();

  openai::completion_message out;
  std::string text, thinking;
  std::optional<std::string> json_answer;
  for (const auto& item : content->value().get_array()) {
    if (!item.is_object()) continue;
    const auto& block = item.get_object();
    const auto type = string_at(block, "type");
    if (type == "text") {
      text += string_at(block, "text");
    } else if (type == "thinking") {
      thinking += string_at(block, "thinking");  // redacted_thinking has no text to show
    } else if (type == "tool_use" && json_response &&
               string_at(block, "name") == json_response_tool) {
      json_answer = compact(block, "input");
    } else if (type == "tool_use") {
      out.tool_calls.push_back({std::string(string_at(block, "id")),
                                std::string(string_at(block, "name")), compact(block, "input")});
    }
  }
  // A forced JSON answer is the whole content: text around it would make it invalid JSON.
  if (json_answer)
    out.content = std::move(*json_answer);
  else if (!text.empty() || out.tool_calls.empty())
    out.content = std::move(text);
  if (reasoning && !thinking.empty()) out.reasoning_content = std::move(thinking);

  openai_answer answer;
  if (auto usage = message.find("usage"); usage != message.end() && usage->value().is_object())
    read_usage(usage->value().get_object(), answer.usage);
  std::string_view finish = finish_reason_for(string_at(message, "stop_reason"));
  if (!out.tool_calls.empty())
    finish = "tool_calls";
  else if (json_answer && finish == "tool_calls")
    finish = "stop";

  const openai::response_meta meta{"chatcmpl-" + std::string(string_at(message, "id")),
                                   openai::unix_now(), std::string(string_at(message, "model"))};
  answer.body = openai::completion_json(meta, out, finish, answer.usage);
  return answer;
}

}  // namespace keygate::anthropic
