#include "redis_server.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace keygate::testing {

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

redis_server::redis_server() {
  // Another test run on this machine may start its own redis-server on the port picked here in
  // the moment between the pick and the bind; then ours fails to bind and PING would reach theirs.
  // So the server that answers must be the one started here, or a fresh port is tried.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    // process waits for a port file; this one is known before the start.
    const auto port_file = dir_.write("redis.port", std::to_string(port_));
    server_ = std::make_unique<process>(
        "/usr/bin/redis-server",
        std::vector<std::string>{"--port", std::to_string(port_), "--bind", "127.0.0.1", "--save",
                                 "", "--appendonly", "no", "--dir", dir_.path()},
        port_file);
    const std::string ours = "process_id:" + std::to_string(server_->pid()) + "\r";
    std::string info;
    eventually(
        [&] {
          info = cli("INFO server");
          return info.find("process_id:") != std::string::npos;
        },
        std::chrono::seconds(10));
    if (info.find(ours) != std::string::npos) return;
    server_.reset();
  }
  throw std::runtime_error("redis-server did not start on a port of its own");
}

std::string redis_server::cli(const std::string& args) const {
  std::string output;
  run_command("redis-cli -p " + std::to_string(port_) + " " + args, output);
  return output;
}

void redis_server::kill() {
  server_.reset();
}

}  // namespace keygate::testing
