#include "translators/gemini/content_parts.hpp"

#include <array>
#include <optional>

#include "translators/gemini/json_fields.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

json::object text_part(std::string_view text) {
  return {{"text", text}};
}

bool is_image_type(std::string_view media_type) {
  constexpr std::array<std::string_view, 6> allowed{"image/jpeg", "image/png",  "image/gif",
                                                    "image/webp", "image/heic", "image/heif"};
  for (auto type : allowed)
    if (media_type == type) return true;
  return false;
}

// data:<media type>;base64,<data> as inlineData. An http(s) URL would have to be downloaded
// (inlineData; fileData takes only Files-API and GCS URIs), which is not supported yet.
std::variant<json::object, openai_error> image_part(const json::object& part,
                                                    const std::string& param) {
  auto image = part.find("image_url");
  std::string_view url;
  if (image != part.end() && image->value().is_object())
    url = string_at(image->value().get_object(), "url");
  else if (image != part.end() && image->value().is_string())
    url = image->value().get_string();
  if (url.starts_with("http://") || url.starts_with("https://"))
    return unsupported(param,
                       "This provider needs the image inline: image URLs must be downloaded; not "
                       "supported yet. Send the image as a base64 data URL.");
  if (!url.starts_with("data:"))
    return invalid_request("An image_url must be an http(s) URL or a data URL.", param);
  const auto marker = url.find(";base64,");
  const auto media_type = url.substr(5, marker == std::string_view::npos ? 0 : marker - 5);
  if (marker == std::string_view::npos || !is_image_type(media_type))
    return invalid_request(
        "Images must be base64 data URLs of type jpeg, png, gif, webp, heic or heif.", param);
  return json::object{{"inlineData", {{"mimeType", media_type}, {"data", url.substr(marker + 8)}}}};
}

// Calls on_part(part object, param, type) for each part of an array content.
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

parts_or_error text_parts(const json::value& content, const std::string& where) {
  json::array parts;
  if (content.is_null()) return parts;
  if (content.is_string()) {
    if (!content.get_string().empty()) parts.push_back(text_part(content.get_string()));
    return parts;
  }
  if (!content.is_array())
    return invalid_request("Content must be a string or an array of parts.", where + ".content");
  auto error = each_part(content.get_array(), where,
                         [&](const json::object& part, const std::string& param,
                             std::string_view type) -> std::optional<openai_error> {
                           if (type != "text" && type != "refusal") return not_text(param, type);
                           auto text = string_at(part, type);
                           if (!text.empty()) parts.push_back(text_part(text));
                           return std::nullopt;
                         });
  if (error) return *error;
  return parts;
}

parts_or_error user_parts(const json::value& content, const std::string& where) {
  if (!content.is_array()) return text_parts(content, where);
  json::array parts;
  auto error = each_part(content.get_array(), where,
                         [&](const json::object& part, const std::string& param,
                             std::string_view type) -> std::optional<openai_error> {
                           if (type == "text") {
                             auto text = string_at(part, "text");
                             if (!text.empty()) parts.push_back(text_part(text));
                             return std::nullopt;
                           }
                           if (type != "image_url") return not_text(param, type);
                           auto image = image_part(part, param);
                           if (auto* e = std::get_if<openai_error>(&image)) return *e;
                           parts.push_back(std::move(std::get<json::object>(image)));
                           return std::nullopt;
                         });
  if (error) return *error;
  return parts;
}

std::variant<std::string, openai_error> joined_text(const json::value& content,
                                                    const std::string& where,
                                                    std::string_view separator) {
  auto parts = text_parts(content, where);
  if (auto* error = std::get_if<openai_error>(&parts)) return *error;
  std::string text;
  for (const auto& part : std::get<json::array>(parts)) {
    if (!text.empty()) text += separator;
    text += part.get_object().at("text").get_string();
  }
  return text;
}

}  // namespace keygate::gemini
