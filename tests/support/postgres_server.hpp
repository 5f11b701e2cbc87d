// A real PostgreSQL server in a temporary directory on a free loopback port, started with
// scripts/postgres-test-server.sh, for the tests of the shared ledger. Tests that need one skip
// when the server programs are not installed, loudly, unless KEYGATE_REQUIRE_POSTGRES is set (CI),
// where they fail instead.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "gateway/config/access_options.hpp"

namespace keygate::testing {

class postgres_server {
 public:
  static std::string script() {
    return KEYGATE_SOURCE_DIR "/scripts/postgres-test-server.sh";
  }
  static bool available() {
    return std::system((script() + " available >/dev/null 2>&1").c_str()) == 0;
  }
  static bool required() { return std::getenv("KEYGATE_REQUIRE_POSTGRES") != nullptr; }

  postgres_server() : port_(pick_port()) {
    char pattern[] = "/tmp/keygate-pg-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("cannot make a directory for PostgreSQL");
    dir_ = pattern;
    // Another test may take the port picked here before the server binds it: then a fresh one.
    for (int attempt = 1;; ++attempt) {
      try {
        start();
        return;
      } catch (const std::runtime_error&) {
        if (attempt == 5) throw;
        port_ = pick_port();
      }
    }
  }
  ~postgres_server() {
    std::string ignored;
    run(script() + " stop " + dir_, ignored);
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
  }
  postgres_server(const postgres_server&) = delete;
  postgres_server& operator=(const postgres_server&) = delete;

  void start() {
    std::string output;
    if (run(script() + " start " + dir_ + " " + std::to_string(port_), output) != 0)
      throw std::runtime_error("PostgreSQL did not start: " + output);
  }
  void stop() {
    std::string output;
    run(script() + " stop " + dir_, output);
  }

  unsigned short port() const { return port_; }
  std::string url() const {
    return "postgresql://keygate@127.0.0.1:" + std::to_string(port_) + "/keygate";
  }
  postgres_options options() const {
    postgres_options o;
    o.url = url();
    o.timeout = std::chrono::milliseconds(2000);
    return o;
  }
  // One statement through psql; its rows, unaligned ('|' between columns), one a line.
  std::string psql(const std::string& sql) const {
    std::string output;
    const std::string command = "psql -h 127.0.0.1 -p " + std::to_string(port_) +
                                " -U keygate -d keygate -Atq -v ON_ERROR_STOP=1 -c \"" + sql + "\"";
    if (run(command, output) != 0) throw std::runtime_error("psql failed: " + output);
    while (!output.empty() && output.back() == '\n') output.pop_back();
    return output;
  }
  long long count(const std::string& sql) const { return std::stoll(psql(sql)); }

 private:
  static int run(const std::string& command, std::string& output) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return -1;
    std::array<char, 4096> buffer{};
    std::size_t got;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      output.append(buffer.data(), got);
    return ::pclose(pipe);
  }
  static unsigned short pick_port() {
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

  unsigned short port_;
  std::string dir_;
};

}  // namespace keygate::testing

// Skips the test when PostgreSQL is not installed (fails when it is required: CI).
#define KEYGATE_NEED_POSTGRES()                                                             \
  do {                                                                                      \
    if (!::keygate::testing::postgres_server::available()) {                                \
      if (::keygate::testing::postgres_server::required())                                  \
        FAIL() << "PostgreSQL is required (KEYGATE_REQUIRE_POSTGRES) but not installed";    \
      GTEST_SKIP() << "PostgreSQL server programs not installed: SHARED LEDGER NOT TESTED"; \
    }                                                                                       \
  } while (0)
