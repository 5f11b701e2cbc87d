#include "translators/openai/usage_parser.hpp"

#include <simdjson.h>

namespace keygate::openai {

namespace {

namespace od = simdjson::ondemand;

std::int64_t int_field(od::object& object, std::string_view key) {
  std::int64_t value = 0;
  if (object.find_field_unordered(key).get_int64().get(value)) return 0;
  return value;
}

bool parse(const char* data, std::size_t size, std::size_t capacity, token_usage& out) {
  thread_local od::parser parser;
  od::document doc;
  if (parser.iterate(data, size, capacity).get(doc)) return false;
  od::object usage;
  if (doc.find_field_unordered("usage").get_object().get(usage)) return false;
  out.prompt = int_field(usage, "prompt_tokens");
  out.completion = int_field(usage, "completion_tokens");
  od::object details;
  if (!usage.find_field_unordered("prompt_tokens_details").get_object().get(details)) {
    out.cached = int_field(details, "cached_tokens");
    out.cache_write = int_field(details, "cache_write_tokens");
  }
  if (!usage.find_field_unordered("completion_tokens_details").get_object().get(details))
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
