// Where an upstream lives, parsed once from a deployment's api_base.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace keygate {

struct upstream_endpoint {
  bool tls = false;
  std::string host;
  std::uint16_t port = 0;
  std::string base_path;    // no trailing slash: "/v1"
  std::string host_header;  // host, plus ":port" when the port is not the scheme's default
  std::string pool_key;     // connections are shared between deployments with the same key
  bool verify_tls = true;   // check the server's certificate chain and host name

  // Throws std::invalid_argument with a readable reason.
  static upstream_endpoint parse(std::string_view url);
  // Accept any server certificate. The connections get their own pool key, so a deployment that
  // verifies never reuses a connection whose certificate nobody checked.
  void skip_verification();
};

}  // namespace keygate
