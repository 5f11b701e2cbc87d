// Runs keygate and the fake provider as real processes on ephemeral ports, and talks HTTP to them.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/eventually.hpp"  // time_limit and eventually, for every test

namespace keygate::testing {

class process {
 public:
  // Starts the binary; waits until it has written its bound port to the port file.
  process(const std::string& binary, std::vector<std::string> args, const std::string& port_file,
          std::map<std::string, std::string> env = {});
  ~process();
  process(const process&) = delete;
  process& operator=(const process&) = delete;

  unsigned short port() const { return port_; }
  // The second line of the port file (keygate's separate metrics port); 0 when there is none.
  unsigned short second_port() const { return second_port_; }
  pid_t pid() const { return pid_; }
  void signal(int sig);
  // Waits for the exit (at most `timeout`, stretched by time_limit); returns the exit code, or
  // -signal when a signal ended it, or 1000 when it still runs.
  int wait(std::chrono::milliseconds timeout);
  const std::string& log_path() const { return log_path_; }
  std::string log() const;
  // keygate writes its log from a thread of its own, a few milliseconds after the fact: this
  // rereads the log until it holds `text` (or five seconds pass, scaled) and returns it.
  std::string log_once_it_has(const std::string& text) const;

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  unsigned short second_port_ = 0;
  std::string log_path_;
};

// A temporary directory, removed with everything in it.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  const std::string& path() const { return path_; }
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

struct http_reply {
  int status = 0;                              // 0: no answer (connection failed or closed)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const;
};

http_reply http_call(unsigned short port, const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
http_reply post_json(unsigned short port, const std::string& target, const std::string& body);
// The headers of a JSON request made with a key.
std::map<std::string, std::string> bearer(const std::string& secret);
// A chat completion to `model` (standard_models.hpp's chat_body) made with a key.
http_reply chat(unsigned short port, const std::string& secret, const std::string& model,
                bool stream = false, const std::string& extra = "");

// Raw bytes on a fresh connection; returns whatever comes back until the peer closes or the
// timeout passes.
std::string raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout);

// Open file descriptors of a process.
int count_fds(pid_t pid);
// The connections a process holds that it accepted on `port` (its side of clients' connections):
// zero once it has closed every one.
int accepted_connections(pid_t pid, unsigned short port);

// Runs a shell command; returns its exit code and fills `output` with stdout and stderr.
int run_command(const std::string& command, std::string& output);

// The SSE data payloads of a stream body, in order.
std::vector<std::string> sse_data(const std::string& body);

// The fake provider and a keygate whose config is the given models list (YAML, indented by two
// spaces under "models:"); "FAKE" in the text is replaced by the fake's base URL (".../v1") and
// "FAKE_ROOT" by its root ("http://127.0.0.1:<port>"). `extra_yaml` lands right after the server
// section: indented lines add server fields, unindented ones add top-level sections. Retries are
// off (router.retries: 0) unless `extra_yaml` has a router section.
struct gateway_fixture {
  explicit gateway_fixture(const std::string& models_yaml, const std::string& extra_yaml = "");
  // `prepare` runs once the fake listens and before keygate starts: for files keygate reads at
  // its start that must name the fake's port (a service account key's token_uri).
  using preparation = std::function<void(unsigned short fake_port, const temp_dir& dir)>;
  gateway_fixture(const std::string& models_yaml, const std::string& extra_yaml,
                  const preparation& prepare);
  temp_dir dir;
  process fake;
  std::unique_ptr<process> gateway;
  unsigned short port() const { return gateway->port(); }
  // Writes a new config file in place of the running one (as an editor would: whole, then
  // renamed over it).
  void rewrite_config(const std::string& models_yaml, const std::string& extra_yaml = "") const;
};

// One counter of the fake provider's /fake/stats (docs/fake-provider.md), e.g. "streams_active".
long fake_stat(const gateway_fixture& env, const std::string& name);

}  // namespace keygate::testing
