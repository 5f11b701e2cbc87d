// A real redis-server on a free loopback port, for the tests of limits shared across instances.
#pragma once

#include <memory>

#include "harness.hpp"

namespace keygate::testing {

class redis_server {
 public:
  redis_server();  // throws when redis-server cannot start
  unsigned short port() const { return port_; }
  // A command through redis-cli; its output.
  std::string cli(const std::string& args) const;
  void kill();

 private:
  temp_dir dir_;
  unsigned short port_ = 0;
  std::unique_ptr<process> server_;
};

// A loopback port nobody listens on (it was free a moment ago).
unsigned short free_port();

}  // namespace keygate::testing
