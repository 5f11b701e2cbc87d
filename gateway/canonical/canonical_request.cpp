#include "gateway/canonical/canonical_request.hpp"

#include <simdjson.h>

#include "gateway/canonical/json_scan.hpp"

namespace keygate {

namespace {

namespace od = simdjson::ondemand;
using json_scan::malformed;
using json_scan::trim_right;

byte_span span_of(std::string_view body, std::string_view part) {
  return {static_cast<std::size_t>(part.data() - body.data()), part.size()};
}

openai_error wrong_type(std::string_view field, std::string_view expected) {
  std::string message;
  message.append("'").append(field).append("' must be ").append(expected).append(".");
  return invalid_request(std::move(message), std::string(field), std::string("invalid_type"));
}

// Content is a string or an array of part objects; anything else is refused here, before any
// translator (or a passthrough upstream) has to make sense of it.
std::optional<openai_error> check_content_parts(od::object& message, std::size_t index) {
  od::value content;
  if (message["content"].get(content)) return std::nullopt;  // absent: tool-call turns
  od::json_type type;
  if (content.type().get(type)) return malformed("bad content");
  if (type != od::json_type::array) return std::nullopt;
  std::size_t part = 0;
  for (auto item : content.get_array()) {
    od::json_type item_type;
    if (item.type().get(item_type) || item_type != od::json_type::object)
      return invalid_request(
          "A content part must be an object.",
          "messages[" + std::to_string(index) + "].content[" + std::to_string(part) + "]",
          std::string("invalid_type"));
    ++part;
  }
  return std::nullopt;
}

std::optional<openai_error> check_messages(od::value value) {
  od::array messages;
  if (value.get_array().get(messages)) return wrong_type("messages", "an array of messages");
  std::size_t count = 0;
  for (auto element : messages) {
    od::object message;
    if (element.get_object().get(message))
      return wrong_type("messages[" + std::to_string(count) + "]", "an object");
    std::string_view role;
    if (message["role"].get_string().get(role))
      return invalid_request("messages[" + std::to_string(count) + "].role must be a string.",
                             "messages[" + std::to_string(count) + "].role",
                             std::string("invalid_type"));
    if (auto error = check_content_parts(message, count)) return error;
    ++count;
  }
  if (count == 0)
    return invalid_request("'messages' must contain at least one message.", std::string("messages"),
                           std::string("empty_array"));
  return std::nullopt;
}

std::optional<openai_error> read_stream_options(od::value value, std::string_view body,
                                                canonical_request& out) {
  od::object options;
  if (value.get_object().get(options)) return wrong_type("stream_options", "an object");
  std::string_view raw;
  if (options.raw_json().get(raw)) return malformed("stream_options");
  out.stream_options = span_of(body, trim_right(raw));
  options.reset();
  for (auto field : options) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return malformed("stream_options");
    if (key != "include_usage") continue;
    if (field.value().get_bool().get(out.include_usage))
      return wrong_type("stream_options.include_usage", "a boolean");
  }
  return std::nullopt;
}

std::optional<openai_error> read_max_tokens(od::value value, std::string_view field,
                                            std::optional<std::int64_t>& out) {
  if (value.is_null()) return std::nullopt;
  std::int64_t n;
  if (value.get_int64().get(n) || n < 1) return wrong_type(field, "a positive integer");
  out = n;
  return std::nullopt;
}

std::optional<openai_error> read_chat_request(std::string& body, canonical_request& out) {
  thread_local od::parser parser;
  out = canonical_request{};
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  out.body = body;

  od::document doc;
  if (auto error = parser.iterate(body.data(), body.size(), body.capacity()).get(doc))
    return malformed(simdjson::error_message(error));
  od::object root;
  if (auto error = doc.get_object().get(root)) {
    // A wrong type is a valid document that is not an object; anything else is broken JSON.
    if (error != simdjson::INCORRECT_TYPE) return malformed(simdjson::error_message(error));
    return invalid_request("The request body must be a JSON object.");
  }

  bool seen_model = false, seen_messages = false, seen_stream = false, seen_options = false;
  std::optional<std::int64_t> max_tokens, max_completion_tokens;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return malformed("bad key");
    od::value value;
    if (field.value().get(value)) return malformed("bad value");
    auto duplicate = [&](bool& seen) {
      bool was = seen;
      seen = true;
      return was;
    };
    if (key == "model") {
      if (duplicate(seen_model)) return invalid_request("'model' appears twice.", "model");
      std::string_view raw = trim_right(value.raw_json_token());
      std::string_view name;
      if (value.get_string().get(name)) return wrong_type("model", "a string");
      out.model = name;
      out.model_value = span_of(body, raw);
    } else if (key == "messages") {
      if (duplicate(seen_messages)) return invalid_request("'messages' appears twice.", "messages");
      if (auto error = check_messages(value)) return error;
    } else if (key == "stream") {
      if (duplicate(seen_stream)) return invalid_request("'stream' appears twice.", "stream");
      if (value.is_null()) continue;
      if (value.get_bool().get(out.stream)) return wrong_type("stream", "a boolean");
    } else if (key == "stream_options") {
      if (duplicate(seen_options))
        return invalid_request("'stream_options' appears twice.", "stream_options");
      if (value.is_null()) continue;
      if (auto error = read_stream_options(value, body, out)) return error;
    } else if (key == "max_tokens") {
      if (auto error = read_max_tokens(value, key, max_tokens)) return error;
    } else if (key == "max_completion_tokens") {
      if (auto error = read_max_tokens(value, key, max_completion_tokens)) return error;
    } else if (key == "temperature") {
      // Other types are left for the translators to judge, as before.
      if (double t = 0; !value.get_double().get(t)) out.temperature = t;
    } else if (key == "user") {
      if (std::string_view user; !value.get_string().get(user)) out.user = user;
    }
  }
  // Past the root object the iterator must be at the end of the input.
  if (!doc.current_location().error()) return malformed("trailing content after the object");
  if (!seen_model || out.model.empty())
    return invalid_request("'model' is required.", std::string("model"),
                           std::string("missing_required_parameter"));
  if (!seen_messages)
    return invalid_request("'messages' is required.", std::string("messages"),
                           std::string("missing_required_parameter"));
  out.max_tokens = max_completion_tokens ? max_completion_tokens : max_tokens;
  out.object_start = body.find('{');
  return std::nullopt;
}

}  // namespace

std::optional<openai_error> parse_chat_request(std::string& body, canonical_request& out) {
  // simdjson's On-Demand API throws where a result is used as a plain value (is_null(), a range
  // loop) and the bytes turn out broken there: that is malformed JSON too.
  try {
    return read_chat_request(body, out);
  } catch (const simdjson::simdjson_error& e) {
    return malformed(e.what());
  }
}

}  // namespace keygate
