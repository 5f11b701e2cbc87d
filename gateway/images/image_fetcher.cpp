#include "gateway/images/image_fetcher.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "gateway/images/image_hop.hpp"
#include "gateway/images/image_type.hpp"
#include "gateway/images/image_url.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/upstream/lazy_client_tls.hpp"

namespace keygate {

namespace {

using tcp = net::ip::tcp;
using clock = std::chrono::steady_clock;
using addresses_or_failure = std::variant<std::vector<tcp::endpoint>, image_failure>;

image_failure blocked(std::string message) {
  return {image_problem::blocked, std::move(message)};
}

// Every address must be allowed: a name that also resolves to an internal address is refused,
// whichever address a connection would have picked.
std::optional<image_failure> check_addresses(const image_location& at,
                                             const std::vector<tcp::endpoint>& endpoints,
                                             const image_options& options) {
  if (options.allow_private) return std::nullopt;
  for (const auto& endpoint : endpoints) {
    const auto address = endpoint.address();
    const auto reason = non_public_reason(address);
    if (reason.empty() || options.allowed_networks.contains(address)) continue;
    log_warn("image download blocked",
             {{"host", at.host}, {"address", address.to_string()}, {"reason", reason}});
    return blocked("The image host " + at.host + " has a " + std::string(reason) +
                   " address, which this gateway does not download from.");
  }
  return std::nullopt;
}

}  // namespace

struct image_fetcher::impl {
  net::io_context& io;
  lazy_client_tls tls;
  tcp::resolver resolver;

  impl(net::io_context& io_, const std::string& extra_ca_file)
      : io(io_), tls(true, extra_ca_file), resolver(io_) {}

  // The host's addresses, resolved once here and checked; the connection uses only these.
  task<addresses_or_failure> addresses(const image_location& at, const image_options& options,
                                       clock::time_point deadline) {
    std::vector<tcp::endpoint> endpoints;
    boost::system::error_code not_ip;
    const auto literal = net::ip::make_address(at.host, not_ip);
    if (!not_ip) {
      endpoints.emplace_back(literal, at.port);
    } else {
      auto [ec, results] =
          co_await resolver.async_resolve(at.host, std::to_string(at.port), use_nothrow);
      if (ec)
        co_return image_failure{image_problem::download_failed,
                                "The image host " + at.host + " could not be resolved."};
      if (clock::now() >= deadline)
        co_return image_failure{image_problem::download_failed, "Downloading the image timed out."};
      for (const auto& result : results) endpoints.push_back(result.endpoint());
    }
    if (auto refused = check_addresses(at, endpoints, options)) co_return *refused;
    co_return endpoints;
  }
};

image_fetcher::image_fetcher(net::io_context& io, const std::string& extra_ca_file)
    : impl_(std::make_unique<impl>(io, extra_ca_file)) {}

image_fetcher::~image_fetcher() = default;

task<image_result> image_fetcher::fetch(std::string url, const image_options& options,
                                        fetch_limits limits) {
  auto parsed = parse_image_url(url);
  if (auto* problem = std::get_if<std::string>(&parsed))
    co_return image_failure{image_problem::invalid_url,
                            "The image URL is invalid: " + *problem + "."};
  image_location at = std::move(std::get<image_location>(parsed));
  for (int redirects = 0;; ++redirects) {
    if (!host_allowed(at.host, options.allowed_hosts))
      co_return blocked("The image host " + at.host + " is not in this gateway's allowed hosts.");
    auto found = co_await impl_->addresses(at, options, limits.deadline);
    if (auto* failure = std::get_if<image_failure>(&found)) co_return std::move(*failure);
    auto& endpoints = std::get<std::vector<tcp::endpoint>>(found);
    auto got =
        co_await get_image(impl_->io.get_executor(), impl_->tls, at, std::move(endpoints), limits);
    if (auto* failure = std::get_if<image_failure>(&got)) co_return std::move(*failure);
    auto& answer = std::get<hop_answer>(got);
    if (is_redirect(answer.status)) {
      if (redirects >= options.max_redirects)
        co_return image_failure{image_problem::download_failed,
                                "The image server redirected more than " +
                                    std::to_string(options.max_redirects) + " times."};
      auto next = redirect_location(at, answer.location);
      if (auto* problem = std::get_if<std::string>(&next))
        co_return image_failure{
            image_problem::download_failed,
            "The image server's redirect cannot be followed: " + *problem + "."};
      at = std::move(std::get<image_location>(next));
      continue;
    }
    if (answer.status != 200)
      co_return image_failure{
          image_problem::download_failed,
          "The image server answered HTTP " + std::to_string(answer.status) + "."};
    const auto type = image_type(answer.content_type, answer.body);
    if (!type)
      co_return image_failure{image_problem::unsupported_type,
                              "The downloaded file is not a png, jpeg, gif or webp image."};
    co_return fetched_image{std::move(answer.body), *type};
  }
}

}  // namespace keygate
