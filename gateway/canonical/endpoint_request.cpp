#include "gateway/canonical/endpoint_request.hpp"

#include <simdjson.h>

#include <functional>

#include "gateway/canonical/json_scan.hpp"

namespace keygate {

// Named rather than anonymous: the unity build joins this file with canonical_request.cpp.
namespace endpoint_scan {

namespace od = simdjson::ondemand;
using json_scan::malformed;
using json_scan::trim_right;

// Reads one field other than the ones every endpoint shares; `seen` tells the scan it was known.
using field_reader = std::function<std::optional<openai_error>(std::string_view key, od::value)>;

openai_error wrong_type(std::string_view field, std::string_view what) {
  return invalid_request("'" + std::string(field) + "' must be " + std::string(what) + ".",
                         std::string(field), std::string("invalid_type"));
}

openai_error missing(std::string_view field) {
  return invalid_request("'" + std::string(field) + "' is required.", std::string(field),
                         std::string("missing_required_parameter"));
}

byte_span span_of(std::string_view body, std::string_view raw) {
  return {static_cast<std::size_t>(raw.data() - body.data()), raw.size()};
}

std::optional<openai_error> read_stream_options(od::value value, std::string_view body,
                                                canonical_request& out) {
  if (value.is_null()) return std::nullopt;
  od::object options;
  if (value.get_object().get(options)) return wrong_type("stream_options", "an object");
  std::string_view raw;
  if (options.raw_json().get(raw)) return malformed("stream_options");
  out.stream_options = span_of(body, trim_right(raw));
  // raw_json consumed the object: read include_usage from a fresh scan of its bytes.
  const bool asks = raw.find("\"include_usage\"") != std::string_view::npos &&
                    raw.find("true") != std::string_view::npos;
  out.include_usage = asks;
  return std::nullopt;
}

// The fields every endpoint shares, then `other` for the rest. Refuses a repeated model.
std::optional<openai_error> scan(std::string& body, canonical_request& out,
                                 const field_reader& other) {
  thread_local od::parser parser;
  out = canonical_request{};
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  out.body = body;
  od::document doc;
  if (auto error = parser.iterate(body.data(), body.size(), body.capacity()).get(doc))
    return malformed(simdjson::error_message(error));
  od::object root;
  if (auto error = doc.get_object().get(root)) {
    if (error != simdjson::INCORRECT_TYPE) return malformed(simdjson::error_message(error));
    return invalid_request("The request body must be a JSON object.");
  }
  bool seen_model = false;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return malformed("bad key");
    od::value value;
    if (field.value().get(value)) return malformed("bad value");
    if (key == "model") {
      if (seen_model) return invalid_request("'model' appears twice.", std::string("model"));
      seen_model = true;
      const std::string_view raw = trim_right(value.raw_json_token());
      std::string_view name;
      if (value.get_string().get(name)) return wrong_type("model", "a string");
      out.model = name;
      out.model_value = span_of(body, raw);
    } else if (key == "stream") {
      if (value.is_null()) continue;
      if (value.get_bool().get(out.stream)) return wrong_type("stream", "a boolean");
    } else if (key == "stream_options") {
      if (auto error = read_stream_options(value, body, out)) return error;
    } else if (key == "max_tokens") {
      if (value.is_null()) continue;
      std::int64_t n = 0;
      if (value.get_int64().get(n) || n < 1) return wrong_type("max_tokens", "a positive integer");
      out.max_tokens = n;
    } else if (key == "temperature") {
      if (double t = 0; !value.is_null() && !value.get_double().get(t)) out.temperature = t;
    } else if (key == "user") {
      std::string_view user;
      if (!value.is_null() && !value.get_string().get(user)) out.user = user;
    } else if (auto error = other(key, value)) {
      return error;
    }
  }
  if (!doc.current_location().error()) return malformed("trailing content after the object");
  if (!seen_model || out.model.empty()) return missing("model");
  out.object_start = body.find('{');
  return std::nullopt;
}

std::optional<openai_error> guarded(const std::function<std::optional<openai_error>()>& read) {
  // On-Demand throws where a result is used as a plain value and the bytes are broken there.
  try {
    return read();
  } catch (const simdjson::simdjson_error& e) {
    return malformed(e.what());
  }
}

bool is_present(od::value& value) {
  return !value.is_null();
}

}  // namespace endpoint_scan

std::int64_t count_characters(std::string_view text) {
  std::int64_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

namespace endpoint_scan {

std::optional<openai_error> parse_completions_request_in(std::string& body, endpoint_request& out) {
  return guarded([&]() -> std::optional<openai_error> {
    out = endpoint_request{};
    bool prompt = false;
    auto error = scan(body, out.common, [&](std::string_view key, od::value value) {
      if (key == "prompt") prompt = is_present(value);
      return std::optional<openai_error>();
    });
    if (error) return error;
    if (!prompt) return missing("prompt");
    return std::nullopt;
  });
}

std::optional<openai_error> parse_rerank_request_in(std::string& body, endpoint_request& out) {
  return guarded([&]() -> std::optional<openai_error> {
    out = endpoint_request{};
    bool query = false;
    auto error = scan(body, out.common, [&](std::string_view key, od::value value) {
      if (key == "query") {
        std::string_view text;
        if (value.get_string().get(text)) return std::optional(wrong_type("query", "a string"));
        query = !text.empty();
      } else if (key == "documents") {
        od::array documents;
        if (value.get_array().get(documents))
          return std::optional(wrong_type("documents", "an array"));
        for (auto document : documents) {
          (void)document;
          ++out.items;
        }
      } else if (key == "top_n") {
        std::int64_t n = 0;
        if (!value.is_null() && (value.get_int64().get(n) || n < 1))
          return std::optional(wrong_type("top_n", "a positive integer"));
      }
      return std::optional<openai_error>();
    });
    if (error) return error;
    if (out.common.stream)
      return invalid_request("A rerank is never streamed; leave 'stream' out.",
                             std::string("stream"), std::string("unsupported_value"));
    if (!query) return missing("query");
    if (out.items == 0)
      return invalid_request("'documents' must hold at least one document.",
                             std::string("documents"), std::string("missing_required_parameter"));
    return std::nullopt;
  });
}

std::optional<openai_error> parse_image_request_in(std::string& body, endpoint_request& out) {
  return guarded([&]() -> std::optional<openai_error> {
    out = endpoint_request{};
    out.items = 1;
    bool prompt = false;
    auto error = scan(body, out.common, [&](std::string_view key, od::value value) {
      if (key == "prompt") {
        std::string_view text;
        if (value.get_string().get(text)) return std::optional(wrong_type("prompt", "a string"));
        prompt = !text.empty();
      } else if (key == "n") {
        if (value.is_null()) return std::optional<openai_error>();
        if (value.get_int64().get(out.items) || out.items < 1 || out.items > 10)
          return std::optional(wrong_type("n", "an integer from 1 to 10"));
      } else if (key == "response_format") {
        std::string_view format;
        if (value.is_null()) return std::optional<openai_error>();
        if (value.get_string().get(format) || (format != "url" && format != "b64_json"))
          return std::optional(wrong_type("response_format", "\"url\" or \"b64_json\""));
        out.response_format = format;
      }
      return std::optional<openai_error>();
    });
    if (error) return error;
    if (out.common.stream)
      return invalid_request("Streamed image generation is not supported; leave 'stream' out.",
                             std::string("stream"), std::string("unsupported_value"));
    if (!prompt) return missing("prompt");
    return std::nullopt;
  });
}

std::optional<openai_error> parse_speech_request_in(std::string& body, endpoint_request& out) {
  return guarded([&]() -> std::optional<openai_error> {
    out = endpoint_request{};
    bool input = false, voice = false;
    auto error = scan(body, out.common, [&](std::string_view key, od::value value) {
      if (key == "input") {
        std::string_view text;
        if (value.get_string().get(text)) return std::optional(wrong_type("input", "a string"));
        input = !text.empty();
        out.characters = count_characters(text);
      } else if (key == "voice") {
        voice = is_present(value);
      } else if (key == "response_format") {
        std::string_view format;
        if (value.is_null()) return std::optional<openai_error>();
        if (value.get_string().get(format))
          return std::optional(wrong_type("response_format", "a string"));
        out.response_format = format;
      } else if (key == "stream_format") {
        std::string_view format;
        if (!value.is_null() && !value.get_string().get(format) && format == "sse")
          return std::optional(invalid_request(
              "Speech as server-sent events is not supported; the audio streams as it is made.",
              std::string("stream_format"), std::string("unsupported_value")));
      }
      return std::optional<openai_error>();
    });
    if (error) return error;
    if (!input) return missing("input");
    if (!voice) return missing("voice");
    // The audio goes back as it arrives.
    out.common.stream = true;
    return std::nullopt;
  });
}

}  // namespace endpoint_scan

std::optional<openai_error> parse_completions_request(std::string& body, endpoint_request& out) {
  return endpoint_scan::parse_completions_request_in(body, out);
}

std::optional<openai_error> parse_rerank_request(std::string& body, endpoint_request& out) {
  return endpoint_scan::parse_rerank_request_in(body, out);
}

std::optional<openai_error> parse_image_request(std::string& body, endpoint_request& out) {
  return endpoint_scan::parse_image_request_in(body, out);
}

std::optional<openai_error> parse_speech_request(std::string& body, endpoint_request& out) {
  return endpoint_scan::parse_speech_request_in(body, out);
}

}  // namespace keygate
