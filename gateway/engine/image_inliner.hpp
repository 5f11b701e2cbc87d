// For providers that take images only as bytes (Gemini, Ollama): downloads the http(s) image URLs
// of a request and swaps them for data URLs, so the translators' data-URL path does the rest.
// One per request: an image is downloaded once, however many attempts and fallbacks need it.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

#include "gateway/base/openai_error.hpp"
#include "gateway/config/image_options.hpp"
#include "gateway/images/image_fetcher.hpp"

namespace keygate {

class image_inliner {
 public:
  image_inliner(image_source& source, const image_options& options)
      : source_(source), options_(options) {}

  // Rewrites `body` (the attempt's own copy of the request, never the client's) in place; or the
  // client's 400 for the first image that cannot be had, with its param and a code:
  // invalid_image_url, image_url_blocked, image_download_failed, image_too_large or
  // unsupported_image_type. No download outlives `deadline`.
  task<std::optional<openai_error>> inline_urls(boost::json::object& body,
                                                std::chrono::steady_clock::time_point deadline);

  std::size_t downloads() const { return downloads_; }

 private:
  struct inlined {
    std::string data_url;
    std::size_t bytes = 0;
  };

  image_source& source_;
  const image_options& options_;
  std::unordered_map<std::string, inlined> done_;
  std::size_t downloads_ = 0;
};

// "data:<type>;base64,<bytes in base64>"
std::string to_data_url(std::string_view media_type, std::string_view bytes);

}  // namespace keygate
