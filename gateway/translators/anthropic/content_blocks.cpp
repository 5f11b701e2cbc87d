#include "gateway/translators/anthropic/content_blocks.hpp"

#include <array>
#include <cctype>
#include <optional>

#include "gateway/canonical/content_walk.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

json::object text_block(std::string_view text) {
  return {{"type", "text"}, {"text", text}};
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
  const std::string_view url = openai::image_url_of(part);
  if (url.starts_with("http://") || url.starts_with("https://"))
    return json::object{{"type", "image"}, {"source", {{"type", "url"}, {"url", url}}}};
  if (url.starts_with("data:")) {
    const auto inline_image = openai::parse_data_url(url);
    if (!inline_image || !is_image_type(inline_image->media_type))
      return invalid_request("Images must be base64 data URLs of type jpeg, png, gif or webp.",
                             param);
    return json::object{{"type", "image"},
                        {"source",
                         {{"type", "base64"},
                          {"media_type", inline_image->media_type},
                          {"data", inline_image->data}}}};
  }
  return invalid_request("An image_url must be an http(s) URL or a data URL.", param);
}

}  // namespace

blocks_or_error text_blocks(const json::value& content, const std::string& where) {
  return openai::text_content(content, where, text_block);
}

blocks_or_error user_blocks(const json::value& content, const std::string& where) {
  return openai::user_content(content, where, text_block, image_block);
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
