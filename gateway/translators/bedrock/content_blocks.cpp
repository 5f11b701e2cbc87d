#include "gateway/translators/bedrock/content_blocks.hpp"

#include <cctype>

#include "gateway/canonical/content_walk.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

constexpr std::size_t max_tool_id = 64;

json::object text_block(std::string_view text) {
  return {{"text", text}};
}

// Bedrock names the format, not the media type, and says "jpeg" where a URL may say "jpg".
std::string_view image_format(std::string_view media_type) {
  if (media_type == "image/png") return "png";
  if (media_type == "image/jpeg" || media_type == "image/jpg") return "jpeg";
  if (media_type == "image/gif") return "gif";
  if (media_type == "image/webp") return "webp";
  return {};
}

std::variant<json::object, openai_error> image_block(const json::object& part,
                                                     const std::string& param) {
  const std::string_view url = openai::image_url_of(part);
  if (url.starts_with("data:")) {
    const auto inline_image = openai::parse_data_url(url);
    const auto format = inline_image ? image_format(inline_image->media_type) : std::string_view();
    if (format.empty())
      return invalid_request("Images must be base64 data URLs of type jpeg, png, gif or webp.",
                             param);
    return json::object{
        {"image", {{"format", format}, {"source", {{"bytes", inline_image->data}}}}}};
  }
  if (url.starts_with("http://") || url.starts_with("https://"))
    return invalid_request("This provider takes images as bytes, and this URL was not downloaded.",
                           param);
  return invalid_request("An image_url must be an http(s) URL or a data URL.", param);
}

}  // namespace

blocks_or_error text_blocks(const json::value& content, const std::string& where) {
  return openai::text_content(content, where, text_block);
}

blocks_or_error user_blocks(const json::value& content, const std::string& where) {
  return openai::user_content(content, where, text_block, image_block);
}

std::string joined_text(const json::array& blocks) {
  std::string text;
  for (const auto& block : blocks) text += block.get_object().at("text").get_string();
  return text;
}

std::string sanitize_tool_id(std::string_view id) {
  std::string out(id.substr(0, max_tool_id));
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return out;
}

}  // namespace keygate::bedrock
