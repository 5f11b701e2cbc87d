#include "gateway/translators/mistral/response_parser.hpp"

#include <boost/json/parse.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/mistral/answer_parts.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::count_at;
using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

openai_error not_a_completion() {
  return invalid_upstream_answer("a response that is not a Mistral chat completion");
}

openai::completion_choice choice_of(const json::object& choice, bool reasoning) {
  openai::completion_choice out;
  const auto& message = object_at(choice, "message");
  static const json::value none;
  const auto* content = find(message, "content");
  auto text = flatten_content(content ? *content : none);
  if (const auto* calls = find(message, "tool_calls"); calls && calls->is_array())
    for (const auto& call : calls->get_array())
      if (call.is_object()) out.message.tool_calls.push_back(read_tool_call(call.get_object()));
  if (!text.text.empty() || out.message.tool_calls.empty())
    out.message.content = std::move(text.text);
  if (reasoning && !text.thinking.empty()) out.message.reasoning_content = std::move(text.thinking);
  out.finish_reason = out.message.tool_calls.empty()
                          ? finish_reason_for(string_at(choice, "finish_reason"))
                          : "tool_calls";
  return out;
}

}  // namespace

std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning) {
  boost::system::error_code ec;
  auto parsed = json::parse(native_body, ec);
  if (ec || !parsed.is_object()) return not_a_completion();
  const auto& response = parsed.get_object();
  const auto* choices = find(response, "choices");
  if (!choices || !choices->is_array() || choices->get_array().empty()) return not_a_completion();

  std::vector<openai::completion_choice> out;
  for (const auto& choice : choices->get_array()) {
    if (!choice.is_object()) return not_a_completion();
    if (is_error_finish(string_at(choice.get_object(), "finish_reason"))) return generation_error();
    out.push_back(choice_of(choice.get_object(), reasoning));
  }

  openai_answer answer;
  answer.usage = read_usage(object_at(response, "usage"));
  const auto id = string_at(response, "id");
  const auto upstream_model = string_at(response, "model");
  const auto created = count_at(response, "created");
  const openai::response_meta meta{id.empty() ? openai::new_completion_id() : std::string(id),
                                   created > 0 ? created : openai::unix_now(),
                                   std::string(upstream_model.empty() ? model : upstream_model)};
  answer.body = openai::completion_json(meta, out, answer.usage);
  return answer;
}

}  // namespace keygate::mistral
