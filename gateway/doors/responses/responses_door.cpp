#include "gateway/doors/responses/responses_door.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/doors/common/item_ids.hpp"
#include "gateway/doors/common/model_field.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::doors::responses {

namespace json = boost::json;

namespace {

openai_error not_found(std::string_view id) {
  return invalid_request("Previous response with id '" + std::string(id) + "' not found.",
                         std::string("previous_response_id"),
                         std::string("previous_response_not_found"));
}

std::int64_t unix_seconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::variant<json::array, openai_error> responses_door::history_of(std::string_view id) {
  if (!store_) return not_found(id);
  std::optional<stored_response> found;
  try {
    found = store_->find(id, key_id_);
  } catch (const std::exception& e) {
    log_error("response store read failed", {{"reason", e.what()}});
    return openai_error{503, "Stored responses cannot be read right now.", "server_error",
                        std::nullopt, std::string("response_store_unavailable")};
  }
  if (!found) return not_found(id);
  json::error_code ec;
  auto conversation = json::parse(found->conversation, ec);
  auto response = json::parse(found->response, ec);
  if (ec || !conversation.is_array() || !response.is_object()) return not_found(id);
  json::array items = std::move(conversation.as_array());
  const auto* output = json_fields::find(response.as_object(), "output");
  if (output && output->is_array())
    for (const auto& item : output->get_array()) items.push_back(item);
  return items;
}

std::optional<openai_error> responses_door::read(exchange& ex, embeddings_request& into) {
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 256;
  auto parsed = json::parse(ex.request().body(), ec, {}, options);
  if (ec)
    return invalid_request("The request body is not valid JSON: " + ec.message() + ".", {},
                           std::string("invalid_json"));
  const auto* request = parsed.if_object();
  if (!request) return invalid_request("The request body must be a JSON object.");
  json::array history;
  const auto* previous = json_fields::find(*request, "previous_response_id");
  if (previous) {
    if (!previous->is_string())
      return invalid_request("'previous_response_id' must be a string.",
                             std::string("previous_response_id"), std::string("invalid_type"));
    auto found = history_of(previous->get_string());
    if (auto* error = std::get_if<openai_error>(&found)) return *error;
    history = std::move(std::get<json::array>(found));
  }
  auto reading = read_responses_request(*request, std::move(history));
  if (auto* error = std::get_if<openai_error>(&reading)) return *error;
  reading_ = std::move(std::get<responses_reading>(reading));
  canonical_ = std::move(reading_.canonical);
  encoder_.set_frame({new_item_id("resp_"), unix_seconds(), std::move(reading_.echo)});
  if (auto error = parse_chat_request(canonical_, into.common)) return error;
  return prepare_native(ex, *request, previous != nullptr);
}

std::optional<openai_error> responses_door::prepare_native(exchange& ex,
                                                           const json::object& request,
                                                           bool continued) {
  std::string* body = &ex.request().body();
  if (continued) {
    // The upstream knows nothing of keygate's stored responses: the history goes up as input.
    json::object rewritten = request;
    rewritten.erase("previous_response_id");
    rewritten["input"] = reading_.conversation;
    native_body_ = json::serialize(rewritten);
    body = &native_body_;
  }
  const auto model = find_model_value(*body);
  if (!model) return invalid_request("'model' is required.", std::string("model"));
  client_.dialect = client_dialect::openai_responses;
  client_.body = *body;
  client_.model_value = *model;
  client_.stream = reading_.stream;
  client_.dropped = std::move(reading_.dropped);  // for translated attempts
  if (continued)
    client_.previous_response_id = json_fields::string_at(request, "previous_response_id");
  return std::nullopt;
}

void responses_door::watch_native(const outgoing_bytes& events) {
  for (const auto& buffer : events.buffers()) {
    const std::string_view piece(static_cast<const char*>(buffer.data()), buffer.size());
    native_events_.feed(piece, [&](std::string_view event) {
      const auto data = sse_event_data(event, native_joined_);
      if (data.empty()) return;
      ++native_event_count_;
      if (native_id_.empty() && data.find("\"response.created\"") != std::string_view::npos) {
        json::error_code ec;
        auto created = json::parse(data, ec);
        if (!ec && created.is_object())
          native_id_ =
              json_fields::string_at(json_fields::object_at(created.as_object(), "response"), "id");
      }
      if (data.find("\"response.completed\"") == std::string_view::npos &&
          data.find("\"response.incomplete\"") == std::string_view::npos)
        return;
      json::error_code ec;
      auto parsed = json::parse(data, ec);
      if (ec || !parsed.is_object()) return;
      if (const auto* response = parsed.as_object().if_contains("response");
          response && response->is_object())
        native_final_ = response->get_object();
    });
  }
}

std::string responses_door::stream_error_event(const openai_error& error) const {
  json::object failure;
  failure["code"] = error.code.value_or(error.type);
  failure["message"] = error.message;
  json::object response;
  response["id"] = native_id_;
  response["object"] = "response";
  response["status"] = "failed";
  response["error"] = std::move(failure);
  response["output"] = json::array();
  json::object event;
  event["type"] = "response.failed";
  event["sequence_number"] = native_event_count_;
  event["response"] = std::move(response);
  return "event: response.failed\ndata: " + json::serialize(event) + "\n\n";
}

void responses_door::answered(std::string_view native_answer) {
  if (!reading_.store || !store_) return;
  if (!native_answer.empty()) {
    // A native answer keeps the upstream's own id, which the client continues from.
    json::error_code ec;
    auto parsed = json::parse(native_answer, ec);
    if (!ec && parsed.is_object())
      store(parsed.as_object(), json_fields::string_at(parsed.as_object(), "id"));
    return;
  }
  if (native_final_) {
    store(*native_final_, json_fields::string_at(*native_final_, "id"));
    return;
  }
  if (const auto* response = encoder_.final_response()) store(*response, encoder_.frame().id);
}

void responses_door::store(const json::object& response, std::string_view id) {
  if (id.empty()) return;
  stored_response row;
  row.id = id;
  row.key_id = key_id_;
  row.created_ms = json_fields::count_at(response, "created_at") * 1000;
  row.response = json::serialize(response);
  row.input_items = json::serialize(reading_.input);
  row.conversation = json::serialize(reading_.conversation);
  try {
    store_->save(row);
  } catch (const std::exception& e) {
    // The answer still goes out; only its continuation is lost.
    log_error("response store write failed", {{"reason", e.what()}, {"response", row.id}});
  }
}

void responses_door::log_fields(json_line& line, const embeddings_request& request,
                                std::int64_t completion_tokens) const {
  line.field("stream", request.common.stream).field("completion_tokens", completion_tokens);
}

}  // namespace keygate::doors::responses
