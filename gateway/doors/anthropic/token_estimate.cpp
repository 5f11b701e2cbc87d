#include "gateway/doors/anthropic/token_estimate.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/translators/common/json_fields.hpp"

namespace keygate::doors::anthropic {

namespace json = boost::json;
using json_fields::find;
using json_fields::string_at;

namespace {

constexpr std::int64_t characters_per_token = 4;
constexpr std::int64_t tokens_per_message = 4;
constexpr std::int64_t tokens_per_image = 1600;  // Anthropic's ceiling for one image

struct tally {
  std::int64_t characters = 0;
  std::int64_t fixed = 0;

  void content(const json::value& value) {
    if (value.is_string()) {
      characters += static_cast<std::int64_t>(value.get_string().size());
      return;
    }
    if (!value.is_array()) return;
    for (const auto& item : value.get_array()) {
      const auto* part = item.if_object();
      if (!part) continue;
      if (string_at(*part, "type") == "image_url")
        fixed += tokens_per_image;
      else
        characters += static_cast<std::int64_t>(string_at(*part, "text").size());
    }
  }

  void message(const json::object& m) {
    fixed += tokens_per_message;
    if (const auto* text = find(m, "content")) content(*text);
    if (const auto* calls = find(m, "tool_calls"); calls && calls->is_array())
      for (const auto& call : calls->get_array())
        if (const auto* c = call.if_object()) {
          const auto& function = json_fields::object_at(*c, "function");
          characters += static_cast<std::int64_t>(string_at(function, "name").size() +
                                                  string_at(function, "arguments").size());
        }
  }
};

}  // namespace

std::int64_t estimate_input_tokens(std::string_view canonical) {
  json::error_code ec;
  const auto parsed = json::parse(canonical, ec);
  if (ec || !parsed.is_object()) return 1;
  const auto& request = parsed.get_object();
  tally count;
  if (const auto* messages = find(request, "messages"); messages && messages->is_array())
    for (const auto& m : messages->get_array())
      if (const auto* message = m.if_object()) count.message(*message);
  if (const auto* tools = find(request, "tools"))
    count.characters += static_cast<std::int64_t>(json::serialize(*tools).size());
  const auto tokens =
      (count.characters + characters_per_token - 1) / characters_per_token + count.fixed;
  return tokens > 0 ? tokens : 1;
}

}  // namespace keygate::doors::anthropic
