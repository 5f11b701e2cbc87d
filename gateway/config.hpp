// keygate's configuration: what the YAML file says, validated and with secrets resolved.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/server_options.hpp"
#include "gateway/upstream/endpoint.hpp"
#include "gateway/upstream/upstream_options.hpp"

namespace keygate {

struct mock_options {
  std::string reply;      // empty: echo the last user message
  millis token_delay{0};  // between streamed tokens
};

// One upstream that can serve a public model name.
struct deployment {
  std::string id;        // "<public name>/<provider>": safe for logs and headers
  std::string provider;  // a registered provider name
  std::string model;     // the model name the provider knows
  std::string api_base;
  std::string api_key;  // a secret: never logged, never returned
  upstream_timeouts timeouts;
  std::optional<upstream_endpoint> endpoint;  // parsed api_base, absent for local providers
  mock_options mock;
};

struct model_route {
  std::string name;  // the public model name clients send
  deployment target;
};

struct log_options {
  std::string level = "info";  // trace, debug, info, warn, error, off
  bool access_log = true;
  std::string file;  // empty: standard output
};

struct config {
  std::string source;
  server_options server;
  upstream_options upstream;
  log_options log;
  std::vector<model_route> models;

  const model_route* find_model(std::string_view name) const;
};

// Every problem found, each as "file:line: field: what is wrong".
class config_error : public std::runtime_error {
 public:
  explicit config_error(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

config load_config_file(const std::string& path);
config parse_config(std::string_view yaml, const std::string& source_name);

}  // namespace keygate
