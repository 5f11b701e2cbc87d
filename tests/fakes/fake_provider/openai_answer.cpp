#include "openai_answer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "agent_script.hpp"
#include "openai_api.hpp"
#include "structured_answer.hpp"

namespace fake {

namespace json = boost::json;
namespace openai = keygate::openai;

namespace {

// The arguments of the fake's tool call, in the two pieces a stream sends them in.
constexpr std::string_view arguments_head = R"({"city":)";
constexpr std::string_view arguments_tail = R"( "Oslo"})";

bool wants_tool(const json::object& request) {
  const auto* tools = request.if_contains("tools");
  if (!tools || !tools->is_array() || tools->get_array().empty()) return false;
  if (const auto* choice = request.if_contains("tool_choice");
      choice && choice->is_string() && choice->get_string() == "none")
    return false;
  const auto* messages = request.if_contains("messages");
  if (!messages || !messages->is_array() || messages->get_array().empty()) return true;
  const auto* last = messages->get_array().back().if_object();
  const auto* role = last ? last->if_contains("role") : nullptr;
  return !(role && role->is_string() && role->get_string() == "tool");
}

std::string first_tool_name(const json::object& request) {
  const auto& tool = request.at("tools").get_array()[0];
  const auto* function = tool.is_object() ? tool.get_object().if_contains("function") : nullptr;
  const auto* name =
      function && function->is_object() ? function->get_object().if_contains("name") : nullptr;
  return name && name->is_string() ? std::string(name->get_string()) : std::string();
}

std::string chunk_event(const openai::response_meta& meta, json::object delta, bool usage_null) {
  json::object chunk{{"id", meta.id},
                     {"object", "chat.completion.chunk"},
                     {"created", meta.created},
                     {"model", meta.model}};
  chunk["choices"] = json::array{json::object{{"index", 0},
                                              {"delta", std::move(delta)},
                                              {"logprobs", nullptr},
                                              {"finish_reason", nullptr}}};
  if (usage_null) chunk["usage"] = nullptr;
  return "data: " + json::serialize(chunk) + "\n\n";
}

json::object tool_call_delta(json::object call) {
  call["index"] = 0;
  return json::object{{"tool_calls", json::array{std::move(call)}}};
}

}  // namespace

openai_answer plan_openai_answer(const json::object& request, openai::response_meta meta,
                                 int tokens, std::optional<std::int64_t> max_tokens,
                                 std::int64_t prompt_words) {
  openai_answer a;
  a.meta = std::move(meta);
  a.tokens = tokens;
  a.finish_reason = "stop";
  if (max_tokens && *max_tokens < tokens) {
    a.tokens = static_cast<int>(*max_tokens);
    a.finish_reason = "length";
  }
  a.json_text = json_answer(request, a.tokens);
  int completion = a.tokens;
  const auto step = agent_step(openai_conversation(request));
  if (step.text) {
    a.json_text = *step.text;  // one chunk, like a JSON answer
  } else if (step.call) {
    a.tool_name = step.call->tool;
    a.tool_arguments = step.call->arguments;
  } else if (a.finish_reason == "stop" && wants_tool(request)) {
    a.tool_name = first_tool_name(request);
    a.tool_arguments = std::string(arguments_head) + std::string(arguments_tail);
  }
  if (a.tool_name) {
    a.tool_call_id = "call_" + a.meta.id;
    a.finish_reason = "tool_calls";
    completion = 2;  // the two pieces of the arguments
  }
  a.usage = keygate::token_usage{prompt_words, completion, 0, 0, 0, true};
  return a;
}

std::string openai_completion_json(const openai_answer& a) {
  openai::completion_message message;
  if (a.tool_name)
    message.tool_calls.push_back({a.tool_call_id, *a.tool_name, a.tool_arguments});
  else
    message.content = a.json_text ? *a.json_text : answer_text(a.tokens);
  return openai::completion_json(a.meta, message, a.finish_reason, a.usage);
}

openai_events openai_stream_events(const openai_answer& a, bool include_usage) {
  openai_events out;
  auto& e = out.events;
  e.push_back(openai::role_chunk_event(a.meta, include_usage));
  out.first_content = e.size();
  if (a.tool_name) {
    json::object start{{"id", a.tool_call_id},
                       {"type", "function"},
                       {"function", {{"name", *a.tool_name}, {"arguments", ""}}}};
    e.push_back(chunk_event(a.meta, tool_call_delta(std::move(start)), include_usage));
    const std::string_view arguments = a.tool_arguments;
    const auto half = arguments == std::string(arguments_head) + std::string(arguments_tail)
                          ? arguments_head.size()
                          : arguments.size() / 2;
    for (std::string_view piece : {arguments.substr(0, half), arguments.substr(half)})
      e.push_back(chunk_event(a.meta,
                              tool_call_delta(json::object{{"function", {{"arguments", piece}}}}),
                              include_usage));
    out.content_count = 2;
  } else if (a.json_text) {
    e.push_back(openai::content_chunk_event(a.meta, *a.json_text, include_usage));
    out.content_count = 1;
  } else {
    for (int i = 0; i < a.tokens; ++i)
      e.push_back(openai::content_chunk_event(a.meta, token_text(i), include_usage));
    out.content_count = a.tokens;
  }
  e.push_back(openai::finish_chunk_event(a.meta, a.finish_reason, include_usage));
  if (include_usage) e.push_back(openai::usage_chunk_event(a.meta, a.usage));
  e.emplace_back(openai::done_event);
  return out;
}

}  // namespace fake
