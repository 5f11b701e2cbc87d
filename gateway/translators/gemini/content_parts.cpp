#include "gateway/translators/gemini/content_parts.hpp"

#include <array>
#include <optional>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/canonical/image_urls.hpp"
#include "gateway/translators/gemini/json_fields.hpp"

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

// data:<media type>;base64,<data> as inlineData. The gateway downloads http(s) URLs into data URLs
// before build() (fileData takes only Files-API and GCS URIs), so one that gets here was not.
std::variant<json::object, openai_error> image_part(const json::object& part,
                                                    const std::string& param) {
  const std::string_view url = openai::image_url_of(part);
  if (openai::is_http_url(url))
    return unsupported(param,
                       "This provider takes images only inline: the image URL was not downloaded. "
                       "Send the image as a base64 data URL.");
  if (!url.starts_with("data:"))
    return invalid_request("An image_url must be an http(s) URL or a data URL.", param);
  const auto inline_image = openai::parse_data_url(url);
  if (!inline_image || !is_image_type(inline_image->media_type))
    return invalid_request(
        "Images must be base64 data URLs of type jpeg, png, gif, webp, heic or heif.", param);
  return json::object{
      {"inlineData", {{"mimeType", inline_image->media_type}, {"data", inline_image->data}}}};
}

}  // namespace

parts_or_error text_parts(const json::value& content, const std::string& where) {
  return openai::text_content(content, where, text_part);
}

parts_or_error user_parts(const json::value& content, const std::string& where) {
  return openai::user_content(content, where, text_part, image_part);
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
