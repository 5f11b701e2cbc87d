#include "gateway/translators/bedrock/converse_stream.hpp"

#include <array>
#include <boost/json/parse.hpp>

#include "gateway/translators/bedrock/error_body.hpp"
#include "gateway/translators/bedrock/finish_and_usage.hpp"
#include "gateway/translators/bedrock/tool_options.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

using json_fields::object_at;
using json_fields::string_at;

std::int64_t index_of(const json::object& data) {
  const auto* index = json_fields::find(data, "contentBlockIndex");
  return index && index->is_int64() ? index->get_int64() : -1;
}

openai_error broken_stream(std::string_view why) {
  return {502, "The upstream stream broke: " + std::string(why) + ".", "server_error", std::nullopt,
          std::string("upstream_invalid_response")};
}

}  // namespace

converse_stream::converse_stream(bool include_usage, bool json_response, bool reasoning,
                                 std::string model)
    : include_usage_(include_usage),
      json_response_(json_response),
      reasoning_(reasoning),
      model_(std::move(model)) {}

openai::chunk_writer& converse_stream::writer() {
  if (!writer_)
    writer_.emplace(openai::response_meta{openai::new_completion_id(), openai::unix_now(), model_},
                    include_usage_);
  return *writer_;
}

void converse_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  if (done_ || upstream_error_ || malformed_) return;
  std::vector<aws::event_message> messages;
  decoder_.feed(bytes, messages);
  for (const auto& message : messages) {
    on_message(message, out);
    if (done_ || upstream_error_ || malformed_) return;
  }
  if (!decoder_.error()) return;
  if (!first_message_seen_) {
    // Not an event stream at all: something for the caller to notice, which then asks malformed().
    malformed_ = true;
    out.emit(std::string(bytes));
    return;
  }
  fail(broken_stream(*decoder_.error()), out);
}

void converse_stream::on_message(const aws::event_message& message, outgoing_bytes& out) {
  first_message_seen_ = true;
  const auto kind = message.header(":message-type");
  if (kind == "exception")
    return fail(error_from_exception(message.header(":exception-type"), message.payload), out);
  if (kind == "error") {
    auto error = error_from_exception(message.header(":error-code"), {});
    if (auto text = message.header(":error-message"); !text.empty()) error.message = text;
    return fail(error, out);
  }
  if (kind != "event") return;
  boost::system::error_code ec;
  auto parsed = json::parse(message.payload, ec);
  if (ec || !parsed.is_object()) return fail(broken_stream("an event is not a JSON object"), out);
  on_event(message.header(":event-type"), parsed.get_object(), out);
}

void converse_stream::on_event(std::string_view type, const json::object& data,
                               outgoing_bytes& out) {
  // Every payload may carry a "p" padding field; nothing below reads it.
  if (type == "contentBlockStart")
    on_block_start(data, out);
  else if (type == "contentBlockDelta")
    on_block_delta(data, out);
  else if (type == "messageStop")
    on_message_stop(data, out);
  else if (type == "metadata")
    on_metadata(data, out);
  // messageStart, contentBlockStop and event types newer than this code need nothing.
}

void converse_stream::on_block_start(const json::object& data, outgoing_bytes& out) {
  const auto& use = object_at(object_at(data, "start"), "toolUse");
  if (use.empty()) return;  // a text block: it needs no start
  block b;
  if (json_response_ && string_at(use, "name") == json_response_tool) {
    b.what = block::kind::json_answer;
    answered_in_json_ = true;
  } else {
    b.what = block::kind::tool_call;
    b.tool_index =
        writer().start_tool_call(string_at(use, "toolUseId"), string_at(use, "name"), out);
  }
  blocks_[index_of(data)] = b;
}

void converse_stream::on_block_delta(const json::object& data, outgoing_bytes& out) {
  const block b = blocks_[index_of(data)];  // unseen indexes are text blocks
  const auto& delta = object_at(data, "delta");
  if (const auto* text = json_fields::find(delta, "text"); text && text->is_string()) {
    writer().text(text->get_string(), out);
  } else if (const auto& use = object_at(delta, "toolUse"); !use.empty()) {
    if (b.what == block::kind::tool_call)
      writer().tool_arguments(b.tool_index, string_at(use, "input"), out);
    else if (b.what == block::kind::json_answer)
      writer().text(string_at(use, "input"), out);
  } else if (const auto& thought = object_at(delta, "reasoningContent"); reasoning_) {
    if (auto text = string_at(thought, "text"); !text.empty()) writer().reasoning(text, out);
  }
  // Reasoning signatures, and reasoning on deployments that do not show it, go nowhere.
}

void converse_stream::on_message_stop(const json::object& data, outgoing_bytes& out) {
  std::string_view finish = finish_reason_for(string_at(data, "stopReason"));
  if (answered_in_json_ && finish == "tool_calls" && writer().tool_calls() == 0) finish = "stop";
  writer().finish(finish, out);
  if (usage_.known) {  // the metadata came first
    writer().end(usage_, out);
    done_ = true;
  }
}

void converse_stream::on_metadata(const json::object& data, outgoing_bytes& out) {
  usage_ = usage_from(object_at(data, "usage"));
  if (!writer().finished()) return;  // usage before messageStop: keep it, wait for the stop
  writer().end(usage_, out);
  done_ = true;
}

void converse_stream::fail(const openai_error& error, outgoing_bytes& out) {
  writer().fail(error, out);
  upstream_error_ = true;
}

}  // namespace keygate::bedrock
