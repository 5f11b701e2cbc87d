#include "gateway/translators/anthropic/response_parser.hpp"

#include <simdjson.h>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/anthropic/finish_and_usage.hpp"
#include "gateway/translators/anthropic/tool_options.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::anthropic {

namespace {

namespace od = simdjson::ondemand;

openai_error not_a_message() {
  return invalid_upstream_answer("a response that is not an Anthropic message");
}

// A tool's input as compact JSON text ("{}" when absent).
std::string compact(std::string_view raw) {
  if (raw.empty()) return "{}";
  std::string out(raw.size(), '\0');
  std::size_t size = 0;
  if (simdjson::minify(raw.data(), raw.size(), out.data(), size) != simdjson::SUCCESS)
    return std::string(raw);
  out.resize(size);
  return out;
}

// One content block's fields, whatever their order.
struct block_fields {
  std::string_view type, text, thinking, id, name, input;
};

bool read_block(od::value item, block_fields& block) {
  od::object object;
  if (item.get_object().get(object)) return true;  // not an object: skipped, as before
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    od::value value;
    if (field.value().get(value)) return false;
    std::string_view* text_field = key == "type"       ? &block.type
                                   : key == "text"     ? &block.text
                                   : key == "thinking" ? &block.thinking
                                   : key == "id"       ? &block.id
                                   : key == "name"     ? &block.name
                                                       : nullptr;
    if (text_field) {
      if (value.get_string().get(*text_field)) *text_field = {};
    } else if (key == "input") {
      if (simdjson::to_json_string(value).get(block.input)) return false;
    }
  }
  return true;
}

std::optional<std::int64_t> count_of(od::value value) {
  std::int64_t n = 0;
  if (value.get_int64().get(n)) return std::nullopt;
  return n;
}

// Anthropic's usage object (finish_and_usage.hpp's read_usage, for a whole message).
bool read_message_usage(od::value value, token_usage& usage) {
  od::object object;
  if (value.get_object().get(object)) return true;  // not an object: no usage, as before
  std::optional<std::int64_t> input, created, read, output, thinking;
  for (auto field : object) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) return false;
    if (key == "input_tokens") {
      input = count_of(v);
    } else if (key == "cache_creation_input_tokens") {
      created = count_of(v);
    } else if (key == "cache_read_input_tokens") {
      read = count_of(v);
    } else if (key == "output_tokens") {
      output = count_of(v);
    } else if (key == "output_tokens_details") {
      od::object details;
      if (!v.get_object().get(details)) {
        od::value t;
        if (!details.find_field_unordered("thinking_tokens").get(t)) thinking = count_of(t);
      }
    }
  }
  // Input is split in three: uncached, written to the cache, read from it. OpenAI's prompt count
  // holds all three.
  if (created) usage.cache_write = *created;
  if (read) usage.cached = *read;
  usage.prompt = input.value_or(0) + usage.cache_write + usage.cached;
  if (output) usage.completion = *output;
  if (thinking) usage.reasoning = *thinking;
  usage.known = true;
  return true;
}

}  // namespace

// Read in one pass with simdjson's On-Demand parser, straight into OpenAI's answer: a DOM of the
// message cost more than the rest of a translated request.
std::variant<openai_answer, openai_error> parse_message(std::string_view native_body,
                                                        bool json_response, bool reasoning) {
  thread_local od::parser parser;
  thread_local std::string padded;
  padded.assign(native_body);
  padded.reserve(padded.size() + simdjson::SIMDJSON_PADDING);
  od::document doc;
  od::object message;
  if (parser.iterate(padded.data(), padded.size(), padded.capacity()).get(doc) ||
      doc.get_object().get(message))
    return not_a_message();

  openai::completion_message out;
  openai_answer answer;
  std::string text, thinking;
  std::optional<std::string> json_answer;
  std::string_view type, id, model, stop_reason;
  bool has_content = false;
  for (auto field : message) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return not_a_message();
    if (key == "type" || key == "id" || key == "model" || key == "stop_reason") {
      std::string_view s;
      if (value.get_string().get(s)) s = {};
      (key == "type" ? type : key == "id" ? id : key == "model" ? model : stop_reason) = s;
    } else if (key == "content") {
      od::array blocks;
      if (value.get_array().get(blocks)) return not_a_message();
      has_content = true;
      for (auto item : blocks) {
        od::value block_value;
        if (item.get(block_value)) return not_a_message();
        block_fields block;
        if (!read_block(block_value, block)) return not_a_message();
        if (block.type == "text") {
          text += block.text;
        } else if (block.type == "thinking") {
          thinking += block.thinking;  // redacted_thinking has no text to show
        } else if (block.type == "tool_use" && json_response && block.name == json_response_tool) {
          json_answer = compact(block.input);
        } else if (block.type == "tool_use") {
          out.tool_calls.push_back(
              {std::string(block.id), std::string(block.name), compact(block.input)});
        }
      }
    } else if (key == "usage") {
      if (!read_message_usage(value, answer.usage)) return not_a_message();
    }
  }
  if (type != "message" || !has_content) return not_a_message();

  // A forced JSON answer is the whole content: text around it would make it invalid JSON.
  if (json_answer)
    out.content = std::move(*json_answer);
  else if (!text.empty() || out.tool_calls.empty())
    out.content = std::move(text);
  if (reasoning && !thinking.empty()) out.reasoning_content = std::move(thinking);

  std::string_view finish = finish_reason_for(stop_reason);
  if (!out.tool_calls.empty())
    finish = "tool_calls";
  else if (json_answer && finish == "tool_calls")
    finish = "stop";

  const openai::response_meta meta{"chatcmpl-" + std::string(id), openai::unix_now(),
                                   std::string(model)};
  answer.body = openai::completion_json(meta, out, finish, answer.usage);
  return answer;
}

}  // namespace keygate::anthropic
