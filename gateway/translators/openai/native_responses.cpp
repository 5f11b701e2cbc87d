#include "gateway/translators/openai/native_responses.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/common/model_splice.hpp"
#include "gateway/translators/openai/openai_error_body.hpp"

namespace keygate::openai {

namespace http = boost::beast::http;
namespace json = boost::json;
using json_fields::count_at;
using json_fields::object_at;
using json_fields::string_at;

namespace {

std::optional<json::object> parse_object(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

openai_error not_a_response() {
  return {502, "The upstream sent a response that is not a Response object.", "server_error",
          std::nullopt, std::string("upstream_invalid_response")};
}

}  // namespace

token_usage responses_usage(const json::object& usage) {
  token_usage out;
  out.known = true;
  out.prompt = count_at(usage, "input_tokens");
  out.completion = count_at(usage, "output_tokens");
  out.cached = count_at(object_at(usage, "input_tokens_details"), "cached_tokens");
  out.reasoning = count_at(object_at(usage, "output_tokens_details"), "reasoning_tokens");
  return out;
}

std::variant<native_request, openai_error> native_responses::build(
    const translate_input& in) const {
  if (!in.client) return invalid_request("This deployment needs the client's Responses request.");
  native_request out;
  auto& req = out.http;
  const auto& d = in.target;
  const std::string& base = d.endpoint->base_path;
  if (dialect_ == openai_dialect::azure) {
    req.target = d.api_version.empty() ? base + "/openai/v1/responses"
                                       : base + "/openai/responses?api-version=" + d.api_version;
    req.headers.set("api-key", d.api_key);
  } else {
    req.target = base + "/responses";
    if (!d.api_key.empty()) req.headers.set(http::field::authorization, "Bearer " + d.api_key);
  }
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept,
                  in.client->stream ? "text/event-stream" : "application/json");
  req.body = with_model(in.client->body, in.client->model_value, d.model);
  return out;
}

std::variant<openai_answer, openai_error> native_responses::parse(const translate_input& in,
                                                                  std::string native_body) const {
  auto response = parse_object(native_body);
  if (!response || string_at(*response, "object") != "response") return not_a_response();
  openai_answer answer;
  answer.usage = responses_usage(object_at(*response, "usage"));
  // The upstream answered a request without previous_response_id (keygate sent the history).
  if (in.client && !in.client->previous_response_id.empty()) {
    (*response)["previous_response_id"] = in.client->previous_response_id;
    native_body = json::serialize(*response);
  }
  answer.body = std::move(native_body);
  return answer;
}

std::unique_ptr<stream_translator> native_responses::stream(const translate_input& in) const {
  return std::make_unique<native_response_stream>(in.client ? in.client->previous_response_id
                                                            : std::string());
}

openai_error native_responses::error(int status, std::string_view native_body,
                                     const boost::beast::http::fields&) const {
  return error_from_upstream(status, native_body);
}

void native_response_stream::feed(std::string_view bytes, outgoing_bytes& out) {
  splitter_.feed(bytes, [&](std::string_view event) {
    inspect(event);
    if (auto rewritten = with_previous_id(event)) {
      out.emit(std::move(*rewritten));
      return;
    }
    const bool inside = event.data() >= bytes.data() && event.data() < bytes.data() + bytes.size();
    if (inside)
      out.forward(event);
    else
      out.emit(std::string(event));
  });
}

// The lifecycle events carry the whole Response, whose previous_response_id the upstream never
// saw: it is written back (a few events a stream; the others go out untouched).
std::optional<std::string> native_response_stream::with_previous_id(std::string_view event) {
  if (previous_response_id_.empty() ||
      event.find("\"previous_response_id\"") == std::string_view::npos)
    return std::nullopt;
  const std::string_view data = sse_event_data(event, joined_);
  auto parsed = parse_object(data);
  if (!parsed) return std::nullopt;
  auto* response = parsed->if_contains("response");
  if (!response || !response->is_object()) return std::nullopt;
  response->as_object()["previous_response_id"] = previous_response_id_;
  const auto type = string_at(*parsed, "type");
  return "event: " + std::string(type) + "\ndata: " + json::serialize(*parsed) + "\n\n";
}

void native_response_stream::inspect(std::string_view event) {
  const std::string_view data = sse_event_data(event, joined_);
  if (data.empty()) return;
  const bool terminal = data.find("\"response.completed\"") != std::string_view::npos ||
                        data.find("\"response.incomplete\"") != std::string_view::npos;
  const bool failed = data.find("\"response.failed\"") != std::string_view::npos ||
                      data.find("\"type\":\"error\"") != std::string_view::npos;
  if (!first_seen_) {
    first_seen_ = true;
    auto first = parse_object(data);
    const auto type = first ? string_at(*first, "type") : std::string_view();
    malformed_ = !(type.starts_with("response.") || type == "error");
  }
  // Only the last event, with the whole Response, is parsed: it holds the usage.
  if (terminal) {
    if (auto parsed = parse_object(data)) {
      const auto type = string_at(*parsed, "type");
      if (type == "response.completed" || type == "response.incomplete") {
        usage_ = responses_usage(object_at(object_at(*parsed, "response"), "usage"));
        done_ = true;
      }
    }
  } else if (failed) {
    upstream_error_ = true;
  }
}

}  // namespace keygate::openai
