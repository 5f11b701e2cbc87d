#include "translators/anthropic/content_blocks.hpp"

#include <array>
#include <cctype>
#include <optional>

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

json::object text_block(std::string_view text) {
  return {{"type", "text"}, {"text", text}};
}

std::string_view string_at(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() && it->value().is_string() ? std::string_view(it->value().get_string())
                                                       : std::string_view();
}

bool is_image_type(std::string_view media_type) {
  constexpr std::array<std::string_view, 4> allowed{"image/jpeg", "image/png", "image/gif",
                                                    "image/webp"};
  for (auto type : allowed)
    if (media_type == type) return true;
  return false;
}

// data:<media type>;base64,<data> or an http(s) URL.
std::variant<json::object, openai_error> image_block(const json::object& part,
                                                     const std::string& param) {
  auto image = part.find("image_url");
  std::string_view url;
  if (image != part.end() && image->value().is_object())
    url = string_at(image->value().get_object(), "url");
  else if (image != part.end() && image->value().is_string())
    url = image->value().get_string();
  if (url.starts_with("http://") || url.starts_with("https://"))
    return json::object{{"type", "image"}, {"source", {{"type", "url"}, {"url", url}}}};
  if (url.starts_with("data:")) {
    const auto marker = url.find(";base64,");
    const auto media_type = url.substr(5, marker == std::string_view::npos ? 0 : marker - 5);
    if (marker == std::string_view::npos || !is_image_type(media_type))
      return invalid_request("Images must be base64 data URLs of type jpeg, png, gif or webp.",
                             param);
    return json::object{
        {"type", "image"},
        {"source",
         {{"type", "base64"}, {"media_type", media_type}, {"data", url.substr(marker + 8)}}}};
  }
  return invalid_request("An image_url must be an http(s) URL or a data URL.", param);
}

// Calls on_part(part object, param, type) for each part of an array content; strings and null are
// handled by the callers.
template <class F>
std::optional<openai_error> each_part(const json::array& parts, const std::string& where,
                                      F&& on_part) {
  for (std::size_t j = 0; j < parts.size(); ++j) {
    const std::string param = where + ".content[" + std::to_string(j) + "]";
    if (!parts[j].is_object()) return invalid_request("A content part must be an object.", param);
    const auto& part = parts[j].get_object();
    if (auto error = on_part(part, param, string_at(part, "type"))) return error;
  }
  return std::nullopt;
}

std::optional<openai_error> not_text(const std::string& param, std::string_view type) {
  if (type == "input_audio" || type == "file")
    return unsupported(param, "Content parts of type '" + std::string(type) +
                                  "' are not supported by this provider.");
  return invalid_request("Only text content is allowed here.", param);
}

}  // namespace

openai_error unsupported(std::string param, std::string message) {
  return invalid_request(std::move(message), std::move(param),
                         std::string("unsupported_parameter"));
}

blocks_or_error text_blocks(const json::value& content, const std::string& where) {
  json::array blocks;
  if (content.is_null()) return blocks;
  if (content.is_string()) {
    if (!content.get_string().empty()) blocks.push_back(text_block(content.get_string()));
    return blocks;
  }
  if (!content.is_array())
    return invalid_request("Content must be a string or an array of parts.", where + ".content");
  auto error = each_part(content.get_array(), where,
                         [&](const json::object& part, const std::string& param,
                             std::string_view type) -> std::optional<openai_error> {
                           if (type != "text" && type != "refusal") return not_text(param, type);
                           auto text = string_at(part, type);
                           if (!text.empty()) blocks.push_back(text_block(text));
                           return std::nullopt;
                         });
  if (error) return *error;
  return blocks;
}

blocks_or_error user_blocks(const json::value& content, const std::string& where) {
  if (!content.is_array()) return text_blocks(content, where);
  json::array blocks;
  auto error = each_part(content.get_array(), where,
                         [&](const json::object& part, const std::string& param,
                             std::string_view type) -> std::optional<openai_error> {
                           if (type == "text") {
                             auto text = string_at(part, "text");
                             if (!text.empty()) blocks.push_back(text_block(text));
                             return std::nullopt;
                           }
                           if (type != "image_url") return not_text(param, type);
                           auto image = image_block(part, param);
                           if (auto* e = std::get_if<openai_error>(&image)) return *e;
                           blocks.push_back(std::move(std::get<json::object>(image)));
                           return std::nullopt;
                         });
  if (error) return *error;
  return blocks;
}

std::variant<std::string, openai_error> tool_result_text(const json::value& content,
                                                         const std::string& where) {
  auto blocks = text_blocks(content, where);
  if (auto* error = std::get_if<openai_error>(&blocks)) return *error;
  std::string text;
  for (const auto& block : std::get<json::array>(blocks))
    text += block.get_object().at("text").get_string();
  return text;
}

std::string sanitize_tool_id(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return out;
}

}  // namespace keygate::anthropic
