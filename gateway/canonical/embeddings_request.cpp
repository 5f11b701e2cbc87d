#include "gateway/canonical/embeddings_request.hpp"

#include <simdjson.h>

#include "gateway/canonical/json_scan.hpp"

namespace keygate {

namespace {

namespace od = simdjson::ondemand;
using json_scan::malformed;
using json_scan::trim_right;

openai_error bad_input(std::string message, std::string code = "invalid_type") {
  return invalid_request(std::move(message), std::string("input"), std::move(code));
}

const char* const input_shape =
    "'input' must be a string, an array of strings, an array of integers or an array of arrays "
    "of integers.";

// One token list: a non-empty array of non-negative integers.
std::optional<openai_error> read_tokens(od::array tokens, std::int64_t& count) {
  std::int64_t n = 0;
  for (auto element : tokens) {
    std::int64_t token;
    if (element.get_int64().get(token) || token < 0) return bad_input(input_shape);
    ++n;
  }
  if (n == 0) return bad_input("'input' must not contain an empty token list.", "empty_input");
  count += n;
  return std::nullopt;
}

std::optional<openai_error> read_input(od::value value, embeddings_request& out) {
  od::json_type type;
  if (value.type().get(type)) return malformed("bad input");
  if (type == od::json_type::string) {
    std::string_view text;
    if (value.get_string().get(text)) return malformed("bad input");
    if (text.empty()) return bad_input("'input' must not be empty.", "empty_input");
    out.input_count = 1;
    out.word_count = count_words(text);
    return std::nullopt;
  }
  od::array items;
  if (type != od::json_type::array || value.get_array().get(items)) return bad_input(input_shape);
  std::size_t count = 0;
  std::optional<od::json_type> kind;
  for (auto element : items) {
    od::json_type item_type;
    if (element.type().get(item_type)) return malformed("bad input");
    if (!kind) kind = item_type;
    if (item_type != *kind) return bad_input(input_shape);
    if (++count > max_embedding_inputs)
      return bad_input("'input' may hold at most 2048 items.", "too_many_inputs");
    if (item_type == od::json_type::string) {
      std::string_view text;
      if (element.get_string().get(text)) return malformed("bad input");
      if (text.empty()) return bad_input("'input' must not contain empty strings.", "empty_input");
      out.word_count += count_words(text);
    } else if (item_type == od::json_type::number) {
      std::int64_t token;
      if (element.get_int64().get(token) || token < 0) return bad_input(input_shape);
      ++out.word_count;
    } else if (item_type == od::json_type::array) {
      od::array tokens;
      if (element.get_array().get(tokens)) return bad_input(input_shape);
      if (auto error = read_tokens(tokens, out.word_count)) return error;
    } else {
      return bad_input(input_shape);
    }
  }
  if (count == 0) return bad_input("'input' must not be an empty array.", "empty_input");
  out.token_input = *kind != od::json_type::string;
  out.input_count = *kind == od::json_type::number ? 1 : count;
  return std::nullopt;
}

std::optional<openai_error> read_encoding(od::value value, embeddings_request& out) {
  std::string_view name;
  if (value.get_string().get(name) || (name != "float" && name != "base64"))
    return invalid_request("'encoding_format' must be \"float\" or \"base64\".",
                           std::string("encoding_format"), std::string("invalid_value"));
  out.encoding = name == "base64" ? embedding_encoding::base64 : embedding_encoding::floats;
  return std::nullopt;
}

std::optional<openai_error> read_dimensions(od::value value, embeddings_request& out) {
  std::int64_t n;
  if (value.get_int64().get(n) || n < 1)
    return invalid_request("'dimensions' must be a positive integer.", std::string("dimensions"),
                           std::string("invalid_type"));
  out.dimensions = n;
  return std::nullopt;
}

}  // namespace

std::int64_t count_words(std::string_view text) {
  std::int64_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

namespace {

std::optional<openai_error> read_embeddings_request(std::string& body, embeddings_request& out) {
  thread_local od::parser parser;
  out = embeddings_request{};
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  out.common.body = body;

  od::document doc;
  if (auto error = parser.iterate(body.data(), body.size(), body.capacity()).get(doc))
    return malformed(simdjson::error_message(error));
  od::object root;
  if (auto error = doc.get_object().get(root)) {
    if (error != simdjson::INCORRECT_TYPE) return malformed(simdjson::error_message(error));
    return invalid_request("The request body must be a JSON object.");
  }
  bool seen_model = false, seen_input = false;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return malformed("bad key");
    od::value value;
    if (field.value().get(value)) return malformed("bad value");
    if (key == "model") {
      if (seen_model) return invalid_request("'model' appears twice.", "model");
      seen_model = true;
      std::string_view raw = trim_right(value.raw_json_token());
      std::string_view name;
      if (value.get_string().get(name))
        return invalid_request("'model' must be a string.", std::string("model"),
                               std::string("invalid_type"));
      out.common.model = name;
      out.common.model_value = {static_cast<std::size_t>(raw.data() - body.data()), raw.size()};
    } else if (key == "input") {
      if (seen_input) return invalid_request("'input' appears twice.", "input");
      seen_input = true;
      if (auto error = read_input(value, out)) return error;
    } else if (key == "encoding_format") {
      if (value.is_null()) continue;
      if (auto error = read_encoding(value, out)) return error;
    } else if (key == "dimensions") {
      if (value.is_null()) continue;
      if (auto error = read_dimensions(value, out)) return error;
    }
  }
  if (!doc.current_location().error()) return malformed("trailing content after the object");
  if (!seen_model || out.common.model.empty())
    return invalid_request("'model' is required.", std::string("model"),
                           std::string("missing_required_parameter"));
  if (!seen_input)
    return invalid_request("'input' is required.", std::string("input"),
                           std::string("missing_required_parameter"));
  out.common.object_start = body.find('{');
  return std::nullopt;
}

}  // namespace

std::optional<openai_error> parse_embeddings_request(std::string& body, embeddings_request& out) {
  // simdjson's On-Demand API throws where a result is used as a plain value (is_null(), a range
  // loop) and the bytes turn out broken there: that is malformed JSON too.
  try {
    return read_embeddings_request(body, out);
  } catch (const simdjson::simdjson_error& e) {
    return malformed(e.what());
  }
}

}  // namespace keygate
