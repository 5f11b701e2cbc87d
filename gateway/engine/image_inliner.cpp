#include "gateway/engine/image_inliner.hpp"

#include <openssl/evp.h>

#include "gateway/canonical/image_urls.hpp"

namespace keygate {

namespace {

using clock = std::chrono::steady_clock;

std::string_view code_of(image_problem problem) {
  switch (problem) {
    case image_problem::invalid_url:
      return "invalid_image_url";
    case image_problem::blocked:
      return "image_url_blocked";
    case image_problem::download_failed:
      return "image_download_failed";
    case image_problem::too_large:
      return "image_too_large";
    case image_problem::unsupported_type:
      return "unsupported_image_type";
  }
  return "image_download_failed";
}

openai_error image_refusal(image_problem problem, std::string message, std::string param) {
  return invalid_request(std::move(message), std::move(param), std::string(code_of(problem)));
}

std::string total_too_large(std::size_t max_total) {
  return "The images of this request are larger than " + std::to_string(max_total) +
         " bytes in all.";
}

}  // namespace

std::string to_data_url(std::string_view media_type, std::string_view bytes) {
  std::string out = "data:" + std::string(media_type) + ";base64,";
  const std::size_t prefix = out.size();
  out.resize(prefix + 4 * ((bytes.size() + 2) / 3) + 1);  // EVP_EncodeBlock ends with a NUL
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + prefix),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(prefix + static_cast<std::size_t>(written));
  return out;
}

task<std::optional<openai_error>> image_inliner::inline_urls(boost::json::object& body,
                                                             clock::time_point deadline) {
  const auto refs = openai::http_image_urls(body);
  std::size_t total = 0;
  for (const auto& ref : refs) {
    auto known = done_.find(ref.url);
    if (known == done_.end()) {
      const std::size_t left = options_.max_total_bytes - std::min(total, options_.max_total_bytes);
      if (left == 0)
        co_return image_refusal(image_problem::too_large, total_too_large(options_.max_total_bytes),
                                ref.param);
      const fetch_limits limits{std::min(options_.max_bytes, left),
                                std::min(deadline, clock::now() + options_.timeout)};
      ++downloads_;
      auto got = co_await source_.fetch(ref.url, options_, limits);
      if (auto* failure = std::get_if<image_failure>(&got)) {
        auto message = failure->problem == image_problem::too_large && left < options_.max_bytes
                           ? total_too_large(options_.max_total_bytes)
                           : std::move(failure->message);
        co_return image_refusal(failure->problem, std::move(message), ref.param);
      }
      auto& image = std::get<fetched_image>(got);
      inlined entry{to_data_url(image.media_type, image.bytes), image.bytes.size()};
      known = done_.emplace(ref.url, std::move(entry)).first;
    }
    total += known->second.bytes;
    if (total > options_.max_total_bytes)
      co_return image_refusal(image_problem::too_large, total_too_large(options_.max_total_bytes),
                              ref.param);
    openai::replace_image_url(body, ref, known->second.data_url);
  }
  co_return std::nullopt;
}

}  // namespace keygate
