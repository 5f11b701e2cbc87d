#include "gateway/translators/cohere/chat_stream.hpp"

#include <array>
#include <boost/json/parse.hpp>

#include "gateway/translators/cohere/answer_parts.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::count_at;
using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

constexpr std::array<std::string_view, 12> event_types{
    "message-start",   "content-start",   "content-delta",   "content-end",
    "tool-plan-delta", "tool-call-start", "tool-call-delta", "tool-call-end",
    "citation-start",  "citation-end",    "message-end",     "debug"};

bool is_cohere_event(std::string_view type) {
  for (auto known : event_types)
    if (known == type) return true;
  return false;
}

// An error body sent in place of an event: Cohere's {"message"} without a "type".
bool is_error_body(const json::object& data) {
  return !find(data, "type") && !string_at(data, "message").empty();
}

openai_error ended_without_message_end() {
  return {502, "The upstream stream ended before its message-end event.", "server_error",
          std::nullopt, std::string("upstream_stream_truncated")};
}

openai_error error_event(std::string_view message) {
  std::string text =
      message.empty() ? "The upstream reported an error mid-stream." : std::string(message);
  return {502, std::move(text), "server_error", std::nullopt, std::string("upstream_error")};
}

// delta.message of an event.
const json::object& message_of(const json::object& event) {
  return object_at(object_at(event, "delta"), "message");
}

}  // namespace

chat_stream::chat_stream(bool include_usage, bool reasoning, std::string model)
    : include_usage_(include_usage), reasoning_(reasoning), model_(std::move(model)) {}

void chat_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) { on_event(event, out); });
}

openai::chunk_writer& chat_stream::writer(std::string_view id) {
  if (!writer_)
    writer_.emplace(
        openai::response_meta{id.empty() ? openai::new_completion_id() : std::string(id),
                              openai::unix_now(), model_},
        include_usage_);
  return *writer_;
}

void chat_stream::fail(const openai_error& error, outgoing_bytes& out) {
  writer({}).fail(error, out);
  upstream_error_ = true;
}

void chat_stream::on_event(std::string_view event, outgoing_bytes& out) {
  if (done_ || upstream_error_ || malformed_) return;
  const std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return;  // comments and keep-alives
  boost::system::error_code ec;
  auto parsed = data == "[DONE]" ? json::value() : json::parse(data, ec);
  const json::object* fields = !ec && parsed.is_object() ? &parsed.get_object() : nullptr;
  const auto type = fields ? string_at(*fields, "type") : std::string_view();
  if (!first_event_seen_) {
    first_event_seen_ = true;
    if (!fields || (!is_cohere_event(type) && !is_error_body(*fields))) {
      malformed_ = true;
      // Something for the caller to notice: it stops reading and asks malformed().
      out.emit(std::string(event));
      return;
    }
  }
  if (data == "[DONE]") return fail(ended_without_message_end(), out);
  if (!fields) return;
  if (is_error_body(*fields)) return fail(error_event(string_at(*fields, "message")), out);
  on_typed(type, *fields, out);
}

void chat_stream::on_typed(std::string_view type, const json::object& event, outgoing_bytes& out) {
  if (type == "message-start") {
    writer(string_at(event, "id")).text("", out);  // the role chunk
  } else if (type == "content-start" || type == "content-delta") {
    writer({}).text("", out);
    on_content(object_at(message_of(event), "content"), out);
  } else if (type == "tool-call-start") {
    on_tool_call_start(event, out);
  } else if (type == "tool-call-delta") {
    on_tool_call_delta(event, out);
  } else if (type == "message-end") {
    on_message_end(event, out);
  }
  // content-end, tool-plan-delta, tool-call-end, citations and debug carry nothing to forward.
}

void chat_stream::on_content(const json::object& content, outgoing_bytes& out) {
  if (reasoning_)
    if (auto thinking = string_at(content, "thinking"); !thinking.empty())
      writer_->reasoning(thinking, out);
  if (auto text = string_at(content, "text"); !text.empty()) {
    writer_->text(text, out);
    generated_ = true;
  }
}

void chat_stream::on_tool_call_start(const json::object& event, outgoing_bytes& out) {
  const auto& call = object_at(message_of(event), "tool_calls");
  auto parsed = read_tool_call(call);
  auto& w = writer({});
  const int index = w.start_tool_call(parsed.id, parsed.name, out);
  tool_index_[count_at(event, "index")] = index;
  if (!parsed.arguments.empty()) w.tool_arguments(index, parsed.arguments, out);
  generated_ = true;
}

void chat_stream::on_tool_call_delta(const json::object& event, outgoing_bytes& out) {
  const auto known = tool_index_.find(count_at(event, "index"));
  if (known == tool_index_.end()) return;  // a piece of a call that never started
  const auto& function = object_at(object_at(message_of(event), "tool_calls"), "function");
  if (auto arguments = string_at(function, "arguments"); !arguments.empty())
    writer_->tool_arguments(known->second, arguments, out);
}

void chat_stream::on_message_end(const json::object& event, outgoing_bytes& out) {
  const auto& delta = object_at(event, "delta");
  usage_ = read_usage(object_at(delta, "usage"));
  const auto finish = string_at(delta, "finish_reason");
  if (auto failure = failed_finish(finish, generated_, string_at(delta, "error")))
    return fail(*failure, out);
  auto& w = writer({});
  w.finish(finish_reason_for(finish), out);
  w.end(usage_, out);
  done_ = true;
}

}  // namespace keygate::cohere
