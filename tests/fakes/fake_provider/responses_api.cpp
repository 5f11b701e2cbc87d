#include "responses_api.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>

#include "agent_script.hpp"
#include "fake_io.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "gateway/translators/openai/openai_wire.hpp"
#include "last_request.hpp"
#include "openai_api.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = boost::beast::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_id{1};

std::int64_t words_of(const json::value& value) {
  if (value.is_string()) return keygate::openai::count_words(value.get_string());
  std::int64_t words = 0;
  if (value.is_array())
    for (const auto& item : value.get_array()) words += words_of(item);
  if (const auto* object = value.if_object())
    for (const char* field : {"text", "content", "output"})
      if (const auto* inner = object->if_contains(field)) words += words_of(*inner);
  return words;
}

struct planned_response {
  std::string id, model;
  std::int64_t created = 0;
  std::string text;                   // the message's text; empty: no message item
  std::optional<scripted_call> call;  // a function call after the text
  bool cut = false;                   // max_output_tokens cut the text
  int text_pieces = 0;                // deltas the text streams in
  std::int64_t input_words = 0, output_tokens = 0;
};

planned_response plan(const json::object& request, const std::string& model, int tokens) {
  planned_response p;
  const auto n = next_id++;
  p.id = "resp_fake_" + std::to_string(n);
  p.model = model;
  p.created = keygate::openai::unix_now();
  if (const auto* input = request.if_contains("input")) p.input_words += words_of(*input);
  if (const auto* instructions = request.if_contains("instructions"))
    p.input_words += words_of(*instructions);
  if (const auto* limit = request.if_contains("max_output_tokens");
      limit && limit->is_int64() && limit->get_int64() < tokens) {
    tokens = static_cast<int>(limit->get_int64());
    p.cut = true;
  }
  const auto view = responses_conversation(request);
  const auto step = agent_step(view);
  if (step.text) {
    p.text = *step.text;
    p.text_pieces = 1;
    p.output_tokens = 1;
    return p;
  }
  if (step.call) {
    p.call = step.call;
    p.output_tokens = 2;
    return p;
  }
  for (int i = 0; i < tokens; ++i) p.text += token_text(i);
  p.text_pieces = tokens;
  p.output_tokens = tokens;
  if (!p.cut && !view.tools.empty() && !view.ends_with_tool_result) {
    p.call = scripted_call{view.tools.front().first, R"({"city":"Oslo"})"};
    p.output_tokens += 2;
  }
  return p;
}

json::object message_item(const planned_response& p, std::string_view status, std::string text) {
  json::object part{{"type", "output_text"}, {"text", std::move(text)}};
  part["annotations"] = json::array();
  json::object item{{"id", "msg_" + p.id.substr(5)},
                    {"type", "message"},
                    {"status", status},
                    {"role", "assistant"}};
  item["content"] = status == "in_progress" ? json::array() : json::array{std::move(part)};
  return item;
}

json::object call_item(const planned_response& p, std::string_view status, std::string args) {
  return {{"id", "fc_" + p.id.substr(5)},        {"type", "function_call"}, {"status", status},
          {"call_id", "call_" + p.id.substr(5)}, {"name", p.call->tool},    {"arguments", args}};
}

json::object response_json(const planned_response& p, const json::object& request,
                           std::string_view status, bool whole) {
  json::array output;
  if (whole) {
    if (!p.text.empty()) output.push_back(message_item(p, "completed", p.text));
    if (p.call) output.push_back(call_item(p, "completed", p.call->arguments));
  }
  json::object r{{"id", p.id},       {"object", "response"}, {"created_at", p.created},
                 {"status", status}, {"error", nullptr},     {"model", p.model},
                 {"output", output}};
  r["incomplete_details"] = status == "incomplete"
                                ? json::value(json::object{{"reason", "max_output_tokens"}})
                                : json::value(nullptr);
  for (const char* echoed : {"instructions", "previous_response_id", "tools", "tool_choice"}) {
    const auto* value = request.if_contains(echoed);
    r[echoed] = value ? *value : json::value(nullptr);
  }
  const auto* store = request.if_contains("store");
  r["store"] = store ? *store : json::value(true);
  if (whole && status != "in_progress")
    r["usage"] = json::object{{"input_tokens", p.input_words},
                              {"input_tokens_details", {{"cached_tokens", 0}}},
                              {"output_tokens", p.output_tokens},
                              {"output_tokens_details", {{"reasoning_tokens", 0}}},
                              {"total_tokens", p.input_words + p.output_tokens}};
  else
    r["usage"] = nullptr;
  return r;
}

struct event_list {
  std::vector<std::string> events;
  std::int64_t sequence = 0;
  void add(std::string_view type, json::object data) {
    data["type"] = type;
    data["sequence_number"] = sequence++;
    events.push_back("event: " + std::string(type) + "\ndata: " + json::serialize(data) + "\n\n");
  }
};

task<void> stream(keygate::exchange& ex, const planned_response& p, const json::object& request,
                  const fault_knobs& knobs) {
  event_list e;
  const auto status = p.cut ? "incomplete" : "completed";
  e.add("response.created", {{"response", response_json(p, request, "in_progress", false)}});
  e.add("response.in_progress", {{"response", response_json(p, request, "in_progress", false)}});
  std::size_t first_content = e.events.size();
  int content = 0;
  std::size_t index = 0;
  if (!p.text.empty()) {
    const std::string id = "msg_" + p.id.substr(5);
    e.add("response.output_item.added",
          {{"output_index", index}, {"item", message_item(p, "in_progress", "")}});
    json::object empty_part{{"type", "output_text"}, {"text", ""}};
    empty_part["annotations"] = json::array();
    e.add("response.content_part.added",
          {{"item_id", id}, {"output_index", index}, {"content_index", 0}, {"part", empty_part}});
    first_content = e.events.size();
    for (int i = 0; i < p.text_pieces; ++i)
      e.add("response.output_text.delta", {{"item_id", id},
                                           {"output_index", index},
                                           {"content_index", 0},
                                           {"delta", p.text_pieces == 1 ? p.text : token_text(i)},
                                           {"logprobs", json::array()}});
    content = p.text_pieces;
    e.add("response.output_text.done",
          {{"item_id", id}, {"output_index", index}, {"content_index", 0}, {"text", p.text}});
    const auto done = message_item(p, "completed", p.text);
    e.add("response.content_part.done", {{"item_id", id},
                                         {"output_index", index},
                                         {"content_index", 0},
                                         {"part", done.at("content").at(0)}});
    e.add("response.output_item.done", {{"output_index", index}, {"item", done}});
    ++index;
  }
  if (p.call) {
    const std::string id = "fc_" + p.id.substr(5);
    const std::string_view args = p.call->arguments;
    e.add("response.output_item.added",
          {{"output_index", index}, {"item", call_item(p, "in_progress", "")}});
    for (auto piece : {args.substr(0, args.size() / 2), args.substr(args.size() / 2)})
      e.add("response.function_call_arguments.delta",
            {{"item_id", id}, {"output_index", index}, {"delta", piece}});
    e.add("response.function_call_arguments.done",
          {{"item_id", id}, {"output_index", index}, {"arguments", args}});
    e.add("response.output_item.done",
          {{"output_index", index}, {"item", call_item(p, "completed", std::string(args))}});
  }
  e.add(p.cut ? "response.incomplete" : "response.completed",
        {{"response", response_json(p, request, status, true)}});
  if (knobs.malformed) e.events.front() = "event: response.created\ndata: {broken\n\n";
  keygate::http_fields fields;
  fields.set(http::field::content_type, "text/event-stream; charset=utf-8");
  co_await send_events(ex, e.events, first_content, content, knobs, std::move(fields));
}

}  // namespace

task<void> openai_responses(keygate::exchange& ex, bool check_bearer_key) {
  remember_request(ex.request().body());
  boost::system::error_code ec;
  const auto parsed = parse_request_json(ex.request().body(), ec);
  const auto* request = parsed.if_object();
  const auto* model = request ? request->if_contains("model") : nullptr;
  if (ec || !model || !model->is_string()) {
    const auto error = keygate::invalid_request("A model and an input are required.");
    co_return co_await keygate::respond_error(ex, error);
  }
  const auto knobs = read_knobs(ex.request(), model->get_string());
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  if (check_bearer_key && openai_unauthorized(ex.request()))
    co_return co_await send_openai_error(ex, 401, knobs);
  if (knobs.status >= 400) co_return co_await send_openai_error(ex, knobs.status, knobs);
  const auto p = plan(*request, std::string(model->get_string()), knobs.tokens);
  const auto* streamed = request->if_contains("stream");
  if (streamed && streamed->is_bool() && streamed->get_bool())
    co_return co_await stream(ex, p, *request, knobs);
  std::string body =
      json::serialize(response_json(p, *request, p.cut ? "incomplete" : "completed", true));
  if (knobs.malformed) body = R"({"id":"resp_broken","output":[)";
  co_await send_whole(ex, std::move(body), knobs);
}

}  // namespace fake
