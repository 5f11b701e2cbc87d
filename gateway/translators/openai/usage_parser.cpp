#include "gateway/translators/openai/usage_parser.hpp"

#include <simdjson.h>

#include <charconv>

#include "gateway/base/json_members.hpp"

namespace keygate::openai {

namespace {

// 0 when the value is not a whole number (as a missing field).
std::int64_t int_value(std::string_view value) {
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) return 0;
  return number;
}

// Calls read(key, reader) for each member of the object `reader` is at; read() must read the
// member's value from the reader (skip_value, or open_value and resume_after).
template <class Read>
void each_member(json_members& reader, Read&& read) {
  std::string_view key;
  while (reader.next_key(key)) read(key);
}

// Reads the nested object at the reader's current value with read(key, inner).
template <class Read>
void read_nested(json_members& reader, Read&& read) {
  json_members inner = reader.open_value();
  each_member(inner, [&](std::string_view key) { read(key, inner); });
  reader.resume_after(inner);
}

// What a usage object says.
struct usage_fields {
  std::int64_t prompt = 0, completion = 0, cached = 0, cache_write = 0, reasoning = 0;
  std::int64_t deepseek_cached = 0;  // prompt_cache_hit_tokens: DeepSeek's name for cached
  bool prompt_details = false, completion_details = false;

  void apply(token_usage& out) const {
    out.prompt = prompt;
    out.completion = completion;
    if (prompt_details) {
      out.cached = cached;
      out.cache_write = cache_write;
    } else {
      out.cached = deepseek_cached;
    }
    if (completion_details) out.reasoning = reasoning;
    out.known = true;
  }
};

// The first of each field counts, as a lookup by name would find it.
void read_usage_object(json_members& reader, usage_fields& out) {
  bool prompt_seen = false, completion_seen = false, hit_seen = false;
  read_nested(reader, [&](std::string_view key, json_members& usage) {
    if (key == "prompt_tokens" && !prompt_seen) {
      prompt_seen = true;
      out.prompt = int_value(usage.skip_value());
    } else if (key == "completion_tokens" && !completion_seen) {
      completion_seen = true;
      out.completion = int_value(usage.skip_value());
    } else if (key == "prompt_cache_hit_tokens" && !hit_seen) {
      hit_seen = true;
      out.deepseek_cached = int_value(usage.skip_value());
    } else if (key == "prompt_tokens_details" && usage.value_is_object() && !out.prompt_details) {
      out.prompt_details = true;
      bool cached_seen = false, write_seen = false;
      read_nested(usage, [&](std::string_view name, json_members& details) {
        if (name == "cached_tokens" && !cached_seen) {
          cached_seen = true;
          out.cached = int_value(details.skip_value());
        } else if (name == "cache_write_tokens" && !write_seen) {
          write_seen = true;
          out.cache_write = int_value(details.skip_value());
        } else {
          details.skip_value();
        }
      });
    } else if (key == "completion_tokens_details" && usage.value_is_object() &&
               !out.completion_details) {
      out.completion_details = true;
      bool reasoning_seen = false;
      read_nested(usage, [&](std::string_view name, json_members& details) {
        if (name == "reasoning_tokens" && !reasoning_seen) {
          reasoning_seen = true;
          out.reasoning = int_value(details.skip_value());
        } else {
          details.skip_value();
        }
      });
    } else {
      usage.skip_value();
    }
  });
}

std::int64_t int_field(simdjson::dom::object object, std::string_view key) {
  std::int64_t value = 0;
  if (object[key].get_int64().get(value)) return 0;
  return value;
}

}  // namespace

bool read_answer_usage(std::string& json, token_usage& out) {
  thread_local simdjson::dom::parser parser;
  json.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element doc;
  if (parser.parse(reinterpret_cast<const std::uint8_t*>(json.data()), json.size(), false).get(doc))
    return false;
  simdjson::dom::object root;
  if (doc.get_object().get(root)) return false;
  simdjson::dom::object usage;
  if (root["usage"].get_object().get(usage)) return true;  // valid, without usage
  token_usage read;
  read.prompt = int_field(usage, "prompt_tokens");
  read.completion = int_field(usage, "completion_tokens");
  simdjson::dom::object details;
  if (!usage["prompt_tokens_details"].get_object().get(details)) {
    read.cached = int_field(details, "cached_tokens");
    read.cache_write = int_field(details, "cache_write_tokens");
  } else {
    read.cached = int_field(usage, "prompt_cache_hit_tokens");  // DeepSeek's name for it
  }
  if (!usage["completion_tokens_details"].get_object().get(details))
    read.reasoning = int_field(details, "reasoning_tokens");
  read.known = true;
  read.unit = out.unit;
  read.units = out.units;
  out = read;
  return true;
}

bool read_usage(std::string_view json, token_usage& out) {
  json_members root(json);
  usage_fields fields;
  bool usage_seen = false, usage_object = false;
  each_member(root, [&](std::string_view key) {
    if (key == "usage" && !usage_seen) {
      usage_seen = true;
      usage_object = root.value_is_object();  // else null or odd: without usage
      if (usage_object) {
        read_usage_object(root, fields);
        return;
      }
    }
    root.skip_value();
  });
  if (root.failed() || !only_json_whitespace_from(json, root.end())) return false;
  if (usage_object) fields.apply(out);
  return true;
}

}  // namespace keygate::openai
