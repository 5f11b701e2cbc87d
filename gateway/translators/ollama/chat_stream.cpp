#include "gateway/translators/ollama/chat_stream.hpp"

#include <boost/json/parse.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/ollama/answer_fields.hpp"
#include "gateway/translators/ollama/error_body.hpp"
#include "gateway/translators/ollama/json_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

chat_stream::chat_stream(bool include_usage, bool reasoning, std::string model)
    : include_usage_(include_usage), reasoning_(reasoning), model_(std::move(model)) {}

void chat_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view record) { on_record(record, out); });
}

openai::chunk_writer& chat_stream::writer(const json::object& chunk) {
  if (!writer_) {
    if (auto model = string_at(chunk, "model"); !model.empty()) model_ = model;
    writer_.emplace(openai::response_meta{openai::new_completion_id(), created_of(chunk), model_},
                    include_usage_);
  }
  return *writer_;
}

void chat_stream::on_record(std::string_view record, outgoing_bytes& out) {
  if (done_ || upstream_error_ || malformed_) return;
  boost::system::error_code ec;
  auto parsed = json::parse(record, ec);
  const json::object* chunk = !ec && parsed.is_object() && is_chat_chunk(parsed.get_object())
                                  ? &parsed.get_object()
                                  : nullptr;
  if (!first_record_seen_) {
    first_record_seen_ = true;
    if (!chunk) {
      malformed_ = true;
      // Something for the caller to notice: it stops reading and asks malformed().
      out.emit(std::string(record));
      return;
    }
  }
  if (chunk) return on_chunk(*chunk, out);
  // A broken line in a stream that had begun: whatever it held is lost, so the answer is too.
  static const json::object no_chunk;
  writer(no_chunk).fail(invalid_upstream_answer("a stream line that is not an Ollama chat answer"),
                        out);
  upstream_error_ = true;
}

void chat_stream::on_chunk(const json::object& chunk, outgoing_bytes& out) {
  auto& w = writer(chunk);
  if (const auto* error = find(chunk, "error")) {
    w.fail(error_from_message(error->is_string() ? std::string_view(error->get_string()) : ""),
           out);
    upstream_error_ = true;
    return;
  }
  w.text("", out);  // the role chunk, once
  const auto& message = object_at(chunk, "message");
  if (const auto thinking = string_at(message, "thinking"); reasoning_ && !thinking.empty())
    w.reasoning(thinking, out);
  w.text(string_at(message, "content"), out);
  // Ollama sends each call whole: its complete arguments go in the first fragment.
  for (const auto& call :
       read_tool_calls(message, string_at(chunk, "created_at"), w.tool_calls())) {
    const int index = w.start_tool_call(call.id, call.name, out);
    w.tool_arguments(index, call.arguments, out);
  }
  const auto* done = find(chunk, "done");
  if (!done || !done->is_bool() || !done->get_bool()) return;
  usage_ = read_usage(chunk);
  w.finish(finish_reason_for(string_at(chunk, "done_reason")), out);
  w.end(usage_, out);
  done_ = true;
}

}  // namespace keygate::ollama
