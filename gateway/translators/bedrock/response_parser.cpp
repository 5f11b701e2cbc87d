#include "gateway/translators/bedrock/response_parser.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/bedrock/finish_and_usage.hpp"
#include "gateway/translators/bedrock/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

using json_fields::object_at;
using json_fields::string_at;

openai_error not_a_converse_answer() {
  return invalid_upstream_answer("a response that is not a Bedrock Converse answer");
}

std::string compact_input(const json::object& tool_use) {
  auto it = tool_use.find("input");
  return it == tool_use.end() ? std::string("{}") : json::serialize(it->value());
}

}  // namespace

std::variant<openai_answer, openai_error> parse_converse(std::string_view native_body,
                                                         bool json_response, bool reasoning,
                                                         const std::string& model) {
  boost::system::error_code ec;
  auto parsed = json::parse(native_body, ec);
  if (ec || !parsed.is_object()) return not_a_converse_answer();
  const auto& answer_fields = parsed.get_object();
  const auto& message = object_at(object_at(answer_fields, "output"), "message");
  auto content = message.find("content");
  if (content == message.end() || !content->value().is_array()) return not_a_converse_answer();

  openai::completion_message out;
  std::string text, thinking;
  std::optional<std::string> json_answer;
  for (const auto& item : content->value().get_array()) {
    if (!item.is_object()) continue;
    const auto& block = item.get_object();
    if (const auto* piece = json_fields::find(block, "text"); piece && piece->is_string()) {
      text += piece->get_string();
    } else if (block.contains("reasoningContent")) {
      // redactedContent has no text to show
      thinking +=
          string_at(object_at(object_at(block, "reasoningContent"), "reasoningText"), "text");
    } else if (const auto& use = object_at(block, "toolUse"); !use.empty()) {
      if (json_response && string_at(use, "name") == json_response_tool)
        json_answer = compact_input(use);
      else
        out.tool_calls.push_back({std::string(string_at(use, "toolUseId")),
                                  std::string(string_at(use, "name")), compact_input(use)});
    }
  }
  // A forced JSON answer is the whole content: text around it would make it invalid JSON.
  if (json_answer)
    out.content = std::move(*json_answer);
  else if (!text.empty() || out.tool_calls.empty())
    out.content = std::move(text);
  if (reasoning && !thinking.empty()) out.reasoning_content = std::move(thinking);

  openai_answer answer;
  answer.usage = usage_from(object_at(answer_fields, "usage"));
  std::string_view finish = finish_reason_for(string_at(answer_fields, "stopReason"));
  if (!out.tool_calls.empty())
    finish = "tool_calls";
  else if (json_answer && finish == "tool_calls")
    finish = "stop";

  const openai::response_meta meta{openai::new_completion_id(), openai::unix_now(), model};
  answer.body = openai::completion_json(meta, out, finish, answer.usage);
  return answer;
}

}  // namespace keygate::bedrock
