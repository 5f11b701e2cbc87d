#include "gateway/translators/ollama/response_parser.hpp"

#include <boost/json/parse.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/ollama/answer_fields.hpp"
#include "gateway/translators/ollama/error_body.hpp"
#include "gateway/translators/ollama/json_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

std::variant<openai_answer, openai_error> parse_response(std::string_view native_body,
                                                         std::string_view model, bool reasoning) {
  boost::system::error_code ec;
  auto parsed = json::parse(native_body, ec);
  if (ec || !parsed.is_object() || !is_chat_chunk(parsed.get_object()))
    return invalid_upstream_answer("a response that is not an Ollama chat answer");
  const auto& chunk = parsed.get_object();
  if (const auto* error = find(chunk, "error"))
    return error_from_message(error->is_string() ? std::string_view(error->get_string()) : "");
  const auto* done = find(chunk, "done");
  if (!done || !done->is_bool() || !done->get_bool())
    return invalid_upstream_answer("an unfinished chat answer (done is not true)");

  const auto& message = object_at(chunk, "message");
  openai::completion_message out;
  out.tool_calls = read_tool_calls(message, string_at(chunk, "created_at"), 0);
  const auto content = string_at(message, "content");
  if (!content.empty() || out.tool_calls.empty()) out.content = std::string(content);
  if (const auto thinking = string_at(message, "thinking"); reasoning && !thinking.empty())
    out.reasoning_content = std::string(thinking);

  openai_answer answer;
  answer.usage = read_usage(chunk);
  const auto upstream_model = string_at(chunk, "model");
  const openai::response_meta meta{openai::new_completion_id(), created_of(chunk),
                                   std::string(upstream_model.empty() ? model : upstream_model)};
  const std::string_view finish =
      out.tool_calls.empty() ? finish_reason_for(string_at(chunk, "done_reason")) : "tool_calls";
  answer.body = openai::completion_json(meta, out, finish, answer.usage);
  return answer;
}

}  // namespace keygate::ollama
