#include "harness.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "beast_reply.hpp"
#include "standard_models.hpp"

extern char** environ;

namespace keygate::testing {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

process::process(const std::string& binary, std::vector<std::string> args,
                 const std::string& port_file, std::map<std::string, std::string> env) {
  log_path_ = port_file + ".log";
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  for (auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, argv;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string bin = binary;
  argv.push_back(bin.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + binary);

  bool exited = false;
  const bool started = eventually(
      [&] {
        std::ifstream in(port_file);
        if (in >> port_ && port_ != 0) {
          if (!(in >> second_port_)) second_port_ = 0;
          return true;
        }
        int status;
        exited = waitpid(pid_, &status, WNOHANG) == pid_;
        return exited;
      },
      std::chrono::seconds(10));
  if (exited) {
    pid_ = -1;
    throw std::runtime_error(binary + " exited at startup: " + log());
  }
  if (!started) throw std::runtime_error(binary + " did not start in time");
}

process::~process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  // Under a sanitizer, a report in a child fails the test that started it, even when every
  // answer the test checked came before it.
  const std::string text = log();
  for (std::string_view marker : {"WARNING: ThreadSanitizer", "ERROR: AddressSanitizer",
                                  "ERROR: LeakSanitizer", "runtime error: "}) {
    const auto at = text.find(marker);
    if (at != std::string::npos)
      ADD_FAILURE() << log_path_ << " holds a sanitizer report:\n" << text.substr(at, 4000);
  }
}

void process::signal(int sig) {
  ::kill(pid_, sig);
}

int process::wait(std::chrono::milliseconds timeout) {
  int status = 0;
  if (!eventually([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, timeout))
    return 1000;  // still running
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string process::log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string process::log_once_it_has(const std::string& text) const {
  std::string text_now;
  eventually([&] {
    text_now = log();
    return text_now.find(text) != std::string::npos;
  });
  return text_now;
}

temp_dir::temp_dir() {
  char pattern[] = "/tmp/keygate-test-XXXXXX";
  if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::filesystem::remove_all(path_);
}

std::string temp_dir::write(const std::string& name, const std::string& content) const {
  std::string path = path_ + "/" + name;
  std::ofstream(path) << content;
  return path;
}

std::string http_reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

http_reply http_call(unsigned short port, const std::string& method, const std::string& target,
                     const std::string& body, const std::map<std::string, std::string>& headers) {
  net::io_context io;
  tcp::socket socket(io);
  http_reply reply;
  boost::system::error_code ec;
  socket.connect({net::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return reply;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && req.find(http::field::content_type) == req.end())
    req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::write(socket, req, ec);
  if (ec) return reply;
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(socket, buffer, parser, ec);
  if (ec && !parser.is_header_done()) return reply;
  return reply_from(parser.get());
}

http_reply post_json(unsigned short port, const std::string& target, const std::string& body) {
  return http_call(port, "POST", target, body);
}

std::string raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout) {
  net::io_context io;
  tcp::socket socket(io);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  net::write(socket, net::buffer(bytes));
  std::string received;
  char buf[4096];
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd readable{socket.native_handle(), POLLIN, 0};
    if (left.count() <= 0 || ::poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
    boost::system::error_code ec;
    const auto n = socket.read_some(net::buffer(buf), ec);
    if (ec) break;
    received.append(buf, n);
  }
  return received;
}

std::map<std::string, std::string> bearer(const std::string& secret) {
  return {{"authorization", "Bearer " + secret}, {"content-type", "application/json"}};
}

http_reply chat(unsigned short port, const std::string& secret, const std::string& model,
                bool stream, const std::string& extra) {
  return http_call(port, "POST", "/v1/chat/completions", chat_body(model, stream, extra),
                   bearer(secret));
}

int count_fds(pid_t pid) {
  int n = 0;
  for ([[maybe_unused]] auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd"))
    ++n;
  return n;
}

int accepted_connections(pid_t pid, unsigned short port) {
  const auto port_of = [](const std::string& address) {
    return static_cast<unsigned short>(
        std::stoul(address.substr(address.find(':') + 1), nullptr, 16));
  };
  // The process's sockets on `port`, from its TCP table: the listener aside, each is the
  // process's side of a client's connection; the inode names its descriptor.
  std::set<std::string> sockets;
  std::ifstream table("/proc/" + std::to_string(pid) + "/net/tcp");
  std::string line;
  std::getline(table, line);  // the column names
  while (std::getline(table, line)) {
    std::istringstream row(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    row >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >>
        inode;
    const bool listener = state == "0A";
    if (!listener && port_of(local) == port) sockets.insert("socket:[" + inode + "]");
  }
  int held = 0;
  for (auto& entry : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(entry.path(), ec);
    held += !ec && sockets.count(target.string());
  }
  return held;
}

int run_command(const std::string& command, std::string& output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buf[512];
  output.clear();
  while (fgets(buf, sizeof buf, pipe)) output += buf;
  return WEXITSTATUS(pclose(pipe));
}

std::vector<std::string> sse_data(const std::string& body) {
  std::vector<std::string> out;
  std::istringstream in(body);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("data: ", 0) == 0) out.push_back(line.substr(6));
  }
  return out;
}

namespace {

std::string fake_port_file(const temp_dir& dir) {
  return dir.path() + "/fake.port";
}

std::string config_text(const std::string& models, const std::string& extra, unsigned short fake) {
  // Retries off unless a test asks: most tests look at one attempt's behaviour.
  const std::string router =
      extra.find("router:") == std::string::npos ? "router:\n  retries: 0\n" : "";
  std::string text = "server:\n  host: 127.0.0.1\n  port: 0\n  threads: 2\n" + extra + router +
                     "log:\n  level: info\nmodels:\n" + models;
  const std::string root = "http://127.0.0.1:" + std::to_string(fake);
  for (auto at = text.find("FAKE_ROOT"); at != std::string::npos; at = text.find("FAKE_ROOT", at))
    text.replace(at, 9, root);
  const std::string base = root + "/v1";
  for (auto at = text.find("FAKE"); at != std::string::npos; at = text.find("FAKE", at))
    text.replace(at, 4, base);
  return text;
}

}  // namespace

gateway_fixture::gateway_fixture(const std::string& models_yaml, const std::string& extra_yaml)
    : gateway_fixture(models_yaml, extra_yaml, {}) {}

gateway_fixture::gateway_fixture(const std::string& models_yaml, const std::string& extra_yaml,
                                 const preparation& prepare)
    : fake(FAKE_PROVIDER_BINARY, {"--port", "0", "--port-file", fake_port_file(dir)},
           fake_port_file(dir)) {
  if (prepare) prepare(fake.port(), dir);
  auto config = dir.write("keygate.yaml", config_text(models_yaml, extra_yaml, fake.port()));
  auto port_file = dir.path() + "/keygate.port";
  gateway = std::make_unique<process>(
      KEYGATE_BINARY, std::vector<std::string>{"--config", config, "--port-file", port_file},
      port_file);
}

void gateway_fixture::rewrite_config(const std::string& models_yaml,
                                     const std::string& extra_yaml) const {
  dir.write("keygate.yaml.new", config_text(models_yaml, extra_yaml, fake.port()));
  std::filesystem::rename(dir.path() + "/keygate.yaml.new", dir.path() + "/keygate.yaml");
}

long fake_stat(const gateway_fixture& env, const std::string& name) {
  const auto stats = boost::json::parse(http_call(env.fake.port(), "GET", "/fake/stats").body);
  return static_cast<long>(stats.at(name).as_int64());
}

}  // namespace keygate::testing
