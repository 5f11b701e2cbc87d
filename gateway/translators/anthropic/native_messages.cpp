#include "gateway/translators/anthropic/native_messages.hpp"

#include <boost/json/parse.hpp>

#include "gateway/translators/anthropic/error_body.hpp"
#include "gateway/translators/anthropic/finish_and_usage.hpp"
#include "gateway/translators/anthropic/messages_translator.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/common/model_splice.hpp"

namespace keygate::anthropic {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

std::optional<json::object> parse_object(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

bool has_type(std::string_view data, std::string_view type) {
  const std::string quoted = "\"" + std::string(type) + "\"";
  return data.find(quoted) != std::string_view::npos;
}

}  // namespace

std::variant<native_request, openai_error> native_messages_translator::build(
    const translate_input& in) const {
  if (!in.client) return invalid_request("This deployment needs the client's Messages request.");
  native_request out;
  auto& req = out.http;
  req.target = in.target.endpoint->base_path + "/messages";
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept,
                  in.client->stream ? "text/event-stream" : "application/json");
  req.headers.set("anthropic-version", api_version);
  for (const auto& [name, value] : in.client->forward_headers) req.headers.set(name, value);
  if (!in.target.api_key.empty()) req.headers.set("x-api-key", in.target.api_key);
  req.body = with_model(in.client->body, in.client->model_value, in.target.model);
  return out;
}

std::variant<openai_answer, openai_error> native_messages_translator::parse(
    const translate_input&, std::string native_body) const {
  auto message = parse_object(native_body);
  if (!message || json_fields::string_at(*message, "type") != "message")
    return openai_error{502, "The upstream sent a response that is not a message.", "server_error",
                        std::nullopt, std::string("upstream_invalid_response")};
  openai_answer answer;
  read_usage(json_fields::object_at(*message, "usage"), answer.usage);
  answer.body = std::move(native_body);
  return answer;
}

std::unique_ptr<stream_translator> native_messages_translator::stream(
    const translate_input&) const {
  return std::make_unique<native_message_stream>();
}

openai_error native_messages_translator::error(int status, std::string_view native_body,
                                               const boost::beast::http::fields&) const {
  return error_from_response(status, native_body);
}

void native_message_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) {
    inspect(event);
    // An event assembled across reads lives in the splitter's storage: copy it; else forward.
    const bool inside = event.data() >= bytes.data() && event.data() < bytes.data() + bytes.size();
    if (inside)
      out.forward(event);
    else
      out.emit(std::string(event));
  });
}

void native_message_stream::inspect(std::string_view event) {
  const std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return;
  if (!first_seen_) {
    first_seen_ = true;
    malformed_ = !parse_object(data) || !(has_type(data, "message_start") ||
                                          has_type(data, "ping") || has_type(data, "error"));
  }
  // A cheap look first: only the few events that carry usage or an error are parsed.
  if (has_type(data, "message_stop")) {
    done_ = true;
  } else if (has_type(data, "message_start") || has_type(data, "message_delta")) {
    if (auto parsed = parse_object(data)) {
      const auto type = json_fields::string_at(*parsed, "type");
      if (type == "message_start")
        read_usage(json_fields::object_at(json_fields::object_at(*parsed, "message"), "usage"),
                   usage_);
      else if (type == "message_delta")
        read_usage(json_fields::object_at(*parsed, "usage"), usage_);
    }
  } else if (data.find("\"error\"") != std::string_view::npos) {
    if (auto parsed = parse_object(data);
        parsed && json_fields::string_at(*parsed, "type") == "error")
      upstream_error_ = true;
  }
}

}  // namespace keygate::anthropic
