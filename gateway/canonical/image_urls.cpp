#include "gateway/canonical/image_urls.hpp"

#include <boost/json/value.hpp>
#include <cctype>

#include "gateway/canonical/content_walk.hpp"

namespace keygate::openai {

namespace json = boost::json;

namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

bool is_string(const json::object& object, std::string_view key, std::string_view value) {
  auto it = object.find(key);
  return it != object.end() && it->value().is_string() && it->value().get_string() == value;
}

}  // namespace

bool is_http_url(std::string_view url) {
  return starts_with_nocase(url, "http://") || starts_with_nocase(url, "https://");
}

std::vector<image_url_ref> http_image_urls(const json::object& body) {
  std::vector<image_url_ref> found;
  auto messages = body.find("messages");
  if (messages == body.end() || !messages->value().is_array()) return found;
  const auto& list = messages->value().get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object() || !is_string(list[i].get_object(), "role", "user")) continue;
    auto content = list[i].get_object().find("content");
    if (content == list[i].get_object().end() || !content->value().is_array()) continue;
    const auto& parts = content->value().get_array();
    for (std::size_t j = 0; j < parts.size(); ++j) {
      if (!parts[j].is_object() || !is_string(parts[j].get_object(), "type", "image_url")) continue;
      const auto url = image_url_of(parts[j].get_object());
      if (!is_http_url(url)) continue;
      found.push_back({i, j, std::string(url),
                       "messages[" + std::to_string(i) + "].content[" + std::to_string(j) + "]"});
    }
  }
  return found;
}

void replace_image_url(json::object& body, const image_url_ref& ref, std::string_view url) {
  auto& part = body.at("messages")
                   .as_array()
                   .at(ref.message)
                   .as_object()
                   .at("content")
                   .as_array()
                   .at(ref.part)
                   .as_object();
  auto& image = part.at("image_url");
  if (image.is_object())
    image.as_object()["url"] = url;
  else
    image = url;
}

}  // namespace keygate::openai
