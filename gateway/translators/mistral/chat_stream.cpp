#include "gateway/translators/mistral/chat_stream.hpp"

#include <boost/json/parse.hpp>

#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/mistral/answer_parts.hpp"
#include "gateway/translators/mistral/error_body.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::count_at;
using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

bool is_chunk(const json::object& data) {
  return find(data, "choices") && find(data, "choices")->is_array();
}

// Mistral's error inside a stream: its error body as an event, or an OpenAI-style "error" key.
const json::object* error_in(const json::object& data) {
  if (const auto* error = find(data, "error"); error && error->is_object())
    return &error->get_object();
  if (string_at(data, "object") == "error") return &data;
  return nullptr;
}

openai_error ended_without_finish() {
  return {502, "The upstream stream ended before its finish_reason.", "server_error", std::nullopt,
          std::string("upstream_stream_truncated")};
}

}  // namespace

chat_stream::chat_stream(bool include_usage, bool reasoning, std::string model)
    : include_usage_(include_usage), reasoning_(reasoning), model_(std::move(model)) {}

void chat_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) { on_event(event, out); });
}

openai::chunk_writer& chat_stream::writer(const json::object& chunk) {
  if (!writer_) {
    const auto id = string_at(chunk, "id");
    if (auto model = string_at(chunk, "model"); !model.empty()) model_ = model;
    const auto created = count_at(chunk, "created");
    writer_.emplace(
        openai::response_meta{id.empty() ? openai::new_completion_id() : std::string(id),
                              created > 0 ? created : openai::unix_now(), model_},
        include_usage_);
  }
  return *writer_;
}

void chat_stream::fail(const openai_error& error, outgoing_bytes& out) {
  static const json::object none;
  writer(none).fail(error, out);
  upstream_error_ = true;
}

void chat_stream::on_event(std::string_view event, outgoing_bytes& out) {
  if (done_ || upstream_error_ || malformed_) return;
  const std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return;  // comments and keep-alives
  boost::system::error_code ec;
  auto parsed = data == "[DONE]" ? json::value() : json::parse(data, ec);
  const json::object* fields = !ec && parsed.is_object() ? &parsed.get_object() : nullptr;
  if (!first_event_seen_) {
    first_event_seen_ = true;
    if (!fields || (!is_chunk(*fields) && !error_in(*fields))) {
      malformed_ = true;
      // Something for the caller to notice: it stops reading and asks malformed().
      out.emit(std::string(event));
      return;
    }
  }
  if (data == "[DONE]") return fail(ended_without_finish(), out);
  if (!fields) return;
  if (const auto* error = error_in(*fields)) return fail(error_from_event(*error), out);
  if (is_chunk(*fields)) on_chunk(*fields, out);
}

void chat_stream::on_chunk(const json::object& chunk, outgoing_bytes& out) {
  auto& w = writer(chunk);
  w.text("", out);  // the role chunk, once
  if (const auto* usage = find(chunk, "usage"); usage && usage->is_object())
    usage_ = read_usage(usage->get_object());
  std::string_view finish;
  for (const auto& item : find(chunk, "choices")->get_array()) {
    if (!item.is_object() || count_at(item.get_object(), "index") != 0) continue;
    const auto& choice = item.get_object();
    on_delta(object_at(choice, "delta"), out);
    finish = string_at(choice, "finish_reason");
  }
  if (finish.empty()) return;
  if (is_error_finish(finish)) return fail(generation_error(), out);
  w.finish(finish_reason_for(finish), out);
  w.end(usage_, out);
  done_ = true;
}

void chat_stream::on_delta(const json::object& delta, outgoing_bytes& out) {
  if (const auto* content = find(delta, "content")) {
    // Mistral thinks before it answers: a delta's thinking goes out before its text.
    const auto parts = flatten_content(*content);
    if (reasoning_) writer_->reasoning(parts.thinking, out);
    writer_->text(parts.text, out);
  }
  if (const auto* calls = find(delta, "tool_calls"); calls && calls->is_array())
    for (const auto& call : calls->get_array())
      if (call.is_object()) on_tool_call(call.get_object(), out);
}

void chat_stream::on_tool_call(const json::object& call, outgoing_bytes& out) {
  const auto mistral_index = count_at(call, "index");
  const auto known = tool_index_.find(mistral_index);
  auto parsed = read_tool_call(call);
  // A call comes whole; should one come in pieces, a piece without a name adds to its arguments.
  if (known != tool_index_.end() && parsed.name.empty()) {
    writer_->tool_arguments(known->second, parsed.arguments, out);
    return;
  }
  const int index = writer_->start_tool_call(parsed.id, parsed.name, out);
  tool_index_[mistral_index] = index;
  writer_->tool_arguments(index, parsed.arguments, out);
}

}  // namespace keygate::mistral
