// A TLS client context built on its first use. Loading the system CA store costs about a megabyte
// of memory and a few milliseconds; a gateway whose upstreams are all plain http never pays it.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <optional>
#include <string>

#include "gateway/base/net.hpp"

namespace keygate {

class lazy_client_tls {
 public:
  // Trusts the system's CA store when `system_store`, and the certificates in `ca_file` if set.
  lazy_client_tls(bool system_store, std::string ca_file);

  // The context, or nullptr with `error` set when the CA certificates cannot be loaded (then the
  // next call tries again).
  net::ssl::context* get(std::string& error);

 private:
  bool system_store_;
  std::string ca_file_;
  std::optional<net::ssl::context> context_;
};

}  // namespace keygate
