#include "gateway/translators/anthropic/message_stream.hpp"

#include <array>
#include <boost/json/parse.hpp>

#include "gateway/translators/anthropic/error_body.hpp"
#include "gateway/translators/anthropic/finish_and_usage.hpp"
#include "gateway/translators/anthropic/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

using json_fields::string_at;

constexpr std::array<std::string_view, 8> anthropic_events{"message_start",
                                                           "content_block_start",
                                                           "content_block_delta",
                                                           "content_block_stop",
                                                           "message_delta",
                                                           "message_stop",
                                                           "ping",
                                                           "error"};

const json::object& object_at(const json::object& object, std::string_view key) {
  static const json::object empty;
  auto it = object.find(key);
  return it != object.end() && it->value().is_object() ? it->value().get_object() : empty;
}

std::int64_t index_of(const json::object& data) {
  auto it = data.find("index");
  return it != data.end() && it->value().is_int64() ? it->value().get_int64() : -1;
}

bool is_anthropic_event(std::string_view type) {
  for (auto name : anthropic_events)
    if (type == name) return true;
  return false;
}

}  // namespace

message_stream::message_stream(bool include_usage, bool json_response, bool reasoning,
                               std::string model)
    : include_usage_(include_usage),
      json_response_(json_response),
      reasoning_(reasoning),
      model_(std::move(model)) {}

void message_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) { on_event(event, out); });
}

openai::chunk_writer& message_stream::writer() {
  if (!writer_)
    writer_.emplace(openai::response_meta{openai::new_completion_id(), openai::unix_now(), model_},
                    include_usage_);
  return *writer_;
}

void message_stream::on_event(std::string_view event, outgoing_bytes& out) {
  if (done_ || upstream_error_ || malformed_) return;
  const std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return;  // comments and keep-alives
  boost::system::error_code ec;
  auto parsed = json::parse(data, ec);
  const json::object* fields = !ec && parsed.is_object() ? &parsed.get_object() : nullptr;
  const std::string_view type = fields ? string_at(*fields, "type") : std::string_view();
  if (!first_event_seen_) {
    first_event_seen_ = true;
    if (!is_anthropic_event(type)) {
      malformed_ = true;
      // Something for the caller to notice: it stops reading and asks malformed().
      out.emit(std::string(event));
      return;
    }
  }
  if (!fields) return;
  if (type == "message_start")
    on_message_start(*fields);
  else if (type == "content_block_start")
    on_block_start(*fields, out);
  else if (type == "content_block_delta")
    on_block_delta(*fields, out);
  else if (type == "message_delta")
    on_message_delta(*fields, out);
  else if (type == "message_stop")
    on_message_stop(out);
  else if (type == "error")
    on_error(*fields, out);
  // ping, content_block_stop and event types newer than this code need nothing.
}

void message_stream::on_message_start(const json::object& data) {
  const auto& message = object_at(data, "message");
  if (auto model = string_at(message, "model"); !model.empty()) model_ = model;
  if (!writer_)
    writer_.emplace(openai::response_meta{"chatcmpl-" + std::string(string_at(message, "id")),
                                          openai::unix_now(), model_},
                    include_usage_);
  read_usage(object_at(message, "usage"), usage_);
}

void message_stream::on_block_start(const json::object& data, outgoing_bytes& out) {
  const auto& content = object_at(data, "content_block");
  const auto type = string_at(content, "type");
  block b;
  if (type == "text") {
    b.what = block::kind::text;
    writer().text(string_at(content, "text"), out);
  } else if (type == "thinking" && reasoning_) {
    b.what = block::kind::thinking;
    writer().reasoning(string_at(content, "thinking"), out);
  } else if (type == "tool_use" && json_response_ &&
             string_at(content, "name") == json_response_tool) {
    b.what = block::kind::json_answer;
    answered_in_json_ = true;
  } else if (type == "tool_use") {
    b.what = block::kind::tool_call;
    b.tool_index =
        writer().start_tool_call(string_at(content, "id"), string_at(content, "name"), out);
  }
  blocks_[index_of(data)] = b;
}

void message_stream::on_block_delta(const json::object& data, outgoing_bytes& out) {
  auto it = blocks_.find(index_of(data));
  if (it == blocks_.end()) return;
  const auto& delta = object_at(data, "delta");
  const auto type = string_at(delta, "type");
  const block& b = it->second;
  if (type == "text_delta" && b.what == block::kind::text) {
    writer().text(string_at(delta, "text"), out);
  } else if (type == "thinking_delta" && b.what == block::kind::thinking) {
    writer().reasoning(string_at(delta, "thinking"), out);
  } else if (type == "input_json_delta" && b.what == block::kind::tool_call) {
    writer().tool_arguments(b.tool_index, string_at(delta, "partial_json"), out);
  } else if (type == "input_json_delta" && b.what == block::kind::json_answer) {
    writer().text(string_at(delta, "partial_json"), out);
  }
  // signature_delta (and thinking on deployments that do not reason) goes nowhere.
}

void message_stream::on_message_delta(const json::object& data, outgoing_bytes& out) {
  read_usage(object_at(data, "usage"), usage_);
  const auto stop_reason = string_at(object_at(data, "delta"), "stop_reason");
  if (stop_reason.empty()) return;
  std::string_view finish = finish_reason_for(stop_reason);
  if (answered_in_json_ && finish == "tool_calls" && writer().tool_calls() == 0) finish = "stop";
  writer().finish(finish, out);
}

void message_stream::on_message_stop(outgoing_bytes& out) {
  writer().finish("stop", out);  // only when no message_delta said why
  writer().end(usage_, out);
  done_ = true;
}

void message_stream::on_error(const json::object& data, outgoing_bytes& out) {
  writer().fail(error_from_event(object_at(data, "error")), out);
  upstream_error_ = true;
}

}  // namespace keygate::anthropic
