#include "gateway/translators/openai/usage_parser.hpp"

#include <simdjson.h>

namespace keygate::openai {

namespace {

std::int64_t int_field(simdjson::dom::object object, std::string_view key) {
  std::int64_t value = 0;
  if (object[key].get_int64().get(value)) return 0;
  return value;
}

// The DOM parser validates the whole document, not just the parts read.
bool parse(const char* data, std::size_t size, std::size_t capacity, token_usage& out) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser
          .parse(reinterpret_cast<const std::uint8_t*>(data), size,
                 capacity < size + simdjson::SIMDJSON_PADDING)
          .get(doc))
    return false;
  simdjson::dom::object root;
  if (doc.get_object().get(root)) return false;
  simdjson::dom::object usage;
  if (root["usage"].get_object().get(usage)) return true;  // valid, without usage
  out.prompt = int_field(usage, "prompt_tokens");
  out.completion = int_field(usage, "completion_tokens");
  simdjson::dom::object details;
  if (!usage["prompt_tokens_details"].get_object().get(details)) {
    out.cached = int_field(details, "cached_tokens");
    out.cache_write = int_field(details, "cache_write_tokens");
  } else
    out.cached = int_field(usage, "prompt_cache_hit_tokens");  // DeepSeek's name for it
  if (!usage["completion_tokens_details"].get_object().get(details))
    out.reasoning = int_field(details, "reasoning_tokens");
  out.known = true;
  return true;
}

}  // namespace

bool read_usage(std::string& json, token_usage& out) {
  json.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  return parse(json.data(), json.size(), json.capacity(), out);
}

bool read_usage_copy(std::string_view json, token_usage& out) {
  thread_local std::string scratch;
  scratch.assign(json);
  return read_usage(scratch, out);
}

}  // namespace keygate::openai
