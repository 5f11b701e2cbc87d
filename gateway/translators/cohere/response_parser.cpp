#include "gateway/translators/cohere/response_parser.hpp"

#include <boost/json/parse.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/cohere/answer_parts.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

openai_error not_a_chat_response() {
  return invalid_upstream_answer("a response that is not a Cohere chat response");
}

}  // namespace

std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning) {
  boost::system::error_code ec;
  auto parsed = json::parse(native_body, ec);
  if (ec || !parsed.is_object()) return not_a_chat_response();
  const auto& response = parsed.get_object();
  const auto* message = find(response, "message");
  if (!message || !message->is_object()) return not_a_chat_response();

  openai::completion_message out;
  static const json::value none;
  const auto* content = find(message->get_object(), "content");
  auto text = flatten_content(content ? *content : none);
  if (const auto* calls = find(message->get_object(), "tool_calls"); calls && calls->is_array())
    for (const auto& call : calls->get_array())
      if (call.is_object()) out.tool_calls.push_back(read_tool_call(call.get_object()));

  const auto finish = string_at(response, "finish_reason");
  const bool generated = !text.text.empty() || !out.tool_calls.empty();
  if (auto failure = failed_finish(finish, generated, {})) return *failure;

  if (!text.text.empty() || out.tool_calls.empty()) out.content = std::move(text.text);
  if (reasoning && !text.thinking.empty()) out.reasoning_content = std::move(text.thinking);

  openai_answer answer;
  answer.usage = read_usage(object_at(response, "usage"));
  const auto id = string_at(response, "id");
  const openai::response_meta meta{id.empty() ? openai::new_completion_id() : std::string(id),
                                   openai::unix_now(), std::string(model)};
  answer.body = openai::completion_json(
      meta, out, out.tool_calls.empty() ? finish_reason_for(finish) : "tool_calls", answer.usage);
  return answer;
}

}  // namespace keygate::cohere
