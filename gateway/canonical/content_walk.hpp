// Reads the content of an OpenAI message for translators: a string, null, or an array of parts,
// with the same errors (and `param` paths) for every provider. Each translator only says what a
// text part and an image become in its own format.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/base/openai_error.hpp"

namespace keygate::openai {

using parts_or_error = std::variant<boost::json::array, openai_error>;
using make_text = std::function<boost::json::object(std::string_view text)>;
using make_image = std::function<std::variant<boost::json::object, openai_error>(
    const boost::json::object& part, const std::string& param)>;

// 400 with code unsupported_parameter: a valid request this provider cannot serve.
openai_error unsupported(std::string param, std::string message);

// The URL of an image_url part, written {"url": ...} or as a bare string; empty if neither.
std::string_view image_url_of(const boost::json::object& part);

struct data_url {
  std::string_view media_type;
  std::string_view data;  // base64
};
// "data:<media type>;base64,<data>", or nothing for any other form.
std::optional<data_url> parse_data_url(std::string_view url);

// System, assistant and tool contents: text (and refusal) parts only.
parts_or_error text_content(const boost::json::value& content, const std::string& where,
                            const make_text& text);
// User contents: text parts and images.
parts_or_error user_content(const boost::json::value& content, const std::string& where,
                            const make_text& text, const make_image& image);

// Calls on_message(message, "messages[i]") for each message; a missing or empty list, or a
// message that is not an object, is the client's 400.
template <class F>
std::optional<openai_error> for_each_message(const boost::json::value& messages, F&& on_message) {
  if (!messages.is_array() || messages.get_array().empty())
    return invalid_request("messages must be a non-empty array.", std::string("messages"));
  const auto& list = messages.get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "messages[" + std::to_string(i) + "]";
    if (!list[i].is_object()) return invalid_request("A message must be an object.", where);
    if (auto error = on_message(list[i].get_object(), where)) return error;
  }
  return std::nullopt;
}

// The "function" object of each tool, with its "tools[i]" path; any other tool type is a 400.
std::optional<openai_error> for_each_function_tool(
    const boost::json::value& tools,
    const std::function<void(const boost::json::object& function, const std::string& param)>&
        on_tool);

}  // namespace keygate::openai
