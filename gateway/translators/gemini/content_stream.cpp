#include "gateway/translators/gemini/content_stream.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/translators/gemini/error_body.hpp"
#include "gateway/translators/gemini/finish_and_usage.hpp"
#include "gateway/translators/gemini/json_fields.hpp"
#include "gateway/translators/gemini/response_parser.hpp"

namespace keygate::gemini {

namespace json = boost::json;

content_stream::content_stream(bool include_usage, bool reasoning, std::string model)
    : include_usage_(include_usage), reasoning_(reasoning), model_(std::move(model)) {}

void content_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) { on_event(event, out); });
}

openai::chunk_writer& content_stream::writer(const json::object& response) {
  if (!writer_) {
    const auto id = string_at(response, "responseId");
    if (auto version = string_at(response, "modelVersion"); !version.empty()) model_ = version;
    writer_.emplace(openai::response_meta{id.empty() ? openai::new_completion_id()
                                                     : "chatcmpl-" + std::string(id),
                                          openai::unix_now(), model_},
                    include_usage_);
  }
  return *writer_;
}

void content_stream::on_event(std::string_view event, outgoing_bytes& out) {
  if (done_ || upstream_error_ || malformed_) return;
  const std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return;  // comments and keep-alives
  boost::system::error_code ec;
  auto parsed = json::parse(data, ec);
  const json::object* response =
      !ec && parsed.is_object() && is_gemini_response(parsed.get_object()) ? &parsed.get_object()
                                                                           : nullptr;
  if (!first_event_seen_) {
    first_event_seen_ = true;
    if (!response) {
      malformed_ = true;
      // Something for the caller to notice: it stops reading and asks malformed().
      out.emit(std::string(event));
      return;
    }
  }
  if (response) on_response(*response, out);
}

void content_stream::on_response(const json::object& response, outgoing_bytes& out) {
  if (const auto* error = find(response, "error"); error && error->is_object()) {
    writer(response).fail(error_from_object(error->get_object()), out);
    upstream_error_ = true;
    return;
  }
  auto& w = writer(response);
  w.text("", out);  // the role chunk, once
  if (const auto* metadata = find(response, "usageMetadata"); metadata && metadata->is_object())
    usage_ = read_usage(metadata->get_object());  // cumulative: the last one wins

  std::string_view finish;
  if (const auto* candidates = find(response, "candidates");
      candidates && candidates->is_array() && !candidates->get_array().empty() &&
      candidates->get_array()[0].is_object()) {
    const auto& candidate = candidates->get_array()[0].get_object();
    if (const auto* parts = find(object_at(candidate, "content"), "parts");
        parts && parts->is_array())
      for (const auto& part : parts->get_array())
        if (part.is_object()) on_part(part.get_object(), out);
    finish = string_at(candidate, "finishReason");
  }
  if (finish.empty() && !string_at(object_at(response, "promptFeedback"), "blockReason").empty())
    finish = "SAFETY";  // a blocked prompt: no candidates
  if (finish.empty()) return;
  w.finish(finish_reason_for(finish), out);
  w.end(usage_, out);
  done_ = true;
}

void content_stream::on_part(const json::object& part, outgoing_bytes& out) {
  if (const auto* thought = find(part, "thought");
      thought && thought->is_bool() && thought->get_bool()) {
    if (reasoning_) writer_->reasoning(string_at(part, "text"), out);
    return;
  }
  if (const auto* call = find(part, "functionCall"); call && call->is_object()) {
    const auto& fields = call->get_object();
    std::string id(string_at(fields, "id"));
    if (id.empty()) id = synthesized_call_id();
    const auto* args = find(fields, "args");
    // A Gemini call arrives whole: its complete arguments go in the first fragment.
    const int index = writer_->start_tool_call(id, string_at(fields, "name"), out);
    writer_->tool_arguments(index, args ? json::serialize(*args) : std::string("{}"), out);
    return;
  }
  writer_->text(string_at(part, "text"), out);
}

}  // namespace keygate::gemini
