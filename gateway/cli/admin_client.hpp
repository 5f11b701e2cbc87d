// A small blocking HTTP(S) client for the command line: one request to a running keygate's admin
// API, with the master key, and a timeout. Not used by the server.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

namespace keygate::cli {

// A failure the user can act on; what() is the whole message.
class cli_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct admin_target {
  std::string url = "http://127.0.0.1:4000";  // http:// or https://, optionally with a path prefix
  std::string master_key;
  std::string ca_file;  // https: trusted in addition to the system's CAs
  std::chrono::seconds timeout{30};
};

struct admin_reply {
  int status = 0;
  std::string body;
};

// Throws cli_error when keygate cannot be reached or the exchange fails midway.
admin_reply admin_request(const admin_target& target, const std::string& method,
                          const std::string& path, const std::string& body = "");

// "keygate answered 403: The admin API needs the master key." with advice for the usual causes.
std::string describe_failure(const admin_target& target, const admin_reply& reply);

}  // namespace keygate::cli
