// The http(s) image URLs of an OpenAI chat request, for providers that need the image bytes: found
// in the user messages' image_url parts, and swapped for data URLs once downloaded.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keygate::openai {

struct image_url_ref {
  std::size_t message = 0;
  std::size_t part = 0;
  std::string url;
  std::string param;  // "messages[i].content[j]", for the client's error
};

// Whether the URL's scheme is http or https (any case).
bool is_http_url(std::string_view url);
// The http(s) image URLs of the user messages, in order. Anything malformed is left for the
// translator to refuse.
std::vector<image_url_ref> http_image_urls(const boost::json::object& body);
// Points the part `ref` was found at to `url` instead, keeping its other fields (detail).
void replace_image_url(boost::json::object& body, const image_url_ref& ref, std::string_view url);

}  // namespace keygate::openai
