// One GET of an image download: a connection to addresses already checked (never a second
// resolution), TLS with certificate and host name checks for https, and the answer read under the
// byte limit and the deadline. Internal to the image fetcher.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <variant>
#include <vector>

#include "gateway/images/image_fetcher.hpp"
#include "gateway/images/image_url.hpp"
#include "gateway/upstream/lazy_client_tls.hpp"

namespace keygate {

struct hop_answer {
  unsigned status = 0;
  std::string location;      // a redirect's Location
  std::string content_type;  // a 200's Content-Type
  std::string body;          // read only for a 200
};

using hop_result = std::variant<hop_answer, image_failure>;

bool is_redirect(unsigned status);

task<hop_result> get_image(net::any_io_executor executor, lazy_client_tls& tls,
                           const image_location& at, std::vector<net::ip::tcp::endpoint> addresses,
                           fetch_limits limits);

}  // namespace keygate
