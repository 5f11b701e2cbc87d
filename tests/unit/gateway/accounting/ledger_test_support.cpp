#include "ledger_test_support.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace keygate::test {

temp_dir::temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/keygate-ledger-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ledger_record sample_record(int n) {
  const auto tag = std::to_string(n);
  ledger_record r;
  r.request_id = "req-" + tag;
  r.time_ms = 1'700'000'000'000 + n;
  r.key_id = "key-" + std::to_string(n % 3);
  r.team = "team-" + std::to_string(n % 2);
  r.endpoint = n % 2 ? "embeddings" : "chat.completions";
  r.model = "gpt-" + tag;
  r.deployment = "dep-" + tag;
  r.provider = "openai";
  r.status = 200 + n % 300;
  r.error_code = n % 5 ? "" : "rate_limit_exceeded";
  r.usage.prompt = 1000 + n;
  r.usage.completion = 2000 + n;
  r.usage.cached = 300 + n;
  r.usage.cache_write = 40 + n;
  r.usage.reasoning = 5 + n;
  r.usage.known = n % 7 != 0;
  if (n % 4 != 0) r.cost_nanos = 123'456'789 + n;
  r.latency_ms = 12.25 + n;
  r.stream = n % 2 == 0;
  r.client_gone = n % 3 == 0;
  if (n % 2 == 0) r.ttft_ms = 3.5 + n;
  r.overhead_ms = 0.25 + n;
  r.attempts = 1 + n % 3;
  return r;
}

test_db open_test_db(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  test_db db(raw);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(raw));
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

namespace {

std::string text(sqlite3_stmt* s, int column) {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, column))) : "";
}

}  // namespace

std::vector<ledger_record> read_records(const std::string& path) {
  auto db = open_test_db(path);
  sqlite3_stmt* s = nullptr;
  const char* sql =
      "SELECT request_id, time_ms, key_id, team, endpoint, model, deployment, provider, status, "
      "error_code, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, "
      "reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, client_gone, ttft_ms, "
      "overhead_ms, attempts "
      "FROM requests ORDER BY id";
  if (sqlite3_prepare_v2(db.get(), sql, -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db.get()));
  std::vector<ledger_record> records;
  while (sqlite3_step(s) == SQLITE_ROW) {
    ledger_record r;
    r.request_id = text(s, 0);
    r.time_ms = sqlite3_column_int64(s, 1);
    r.key_id = text(s, 2);
    r.team = text(s, 3);
    r.endpoint = text(s, 4);
    r.model = text(s, 5);
    r.deployment = text(s, 6);
    r.provider = text(s, 7);
    r.status = sqlite3_column_int(s, 8);
    r.error_code = text(s, 9);
    r.usage.prompt = sqlite3_column_int64(s, 10);
    r.usage.completion = sqlite3_column_int64(s, 11);
    r.usage.cached = sqlite3_column_int64(s, 12);
    r.usage.cache_write = sqlite3_column_int64(s, 13);
    r.usage.reasoning = sqlite3_column_int64(s, 14);
    r.usage.known = sqlite3_column_int(s, 15) != 0;
    if (sqlite3_column_type(s, 16) != SQLITE_NULL) r.cost_nanos = sqlite3_column_int64(s, 16);
    r.latency_ms = sqlite3_column_double(s, 17);
    r.stream = sqlite3_column_int(s, 18) != 0;
    r.client_gone = sqlite3_column_int(s, 19) != 0;
    if (sqlite3_column_type(s, 20) != SQLITE_NULL) r.ttft_ms = sqlite3_column_double(s, 20);
    r.overhead_ms = sqlite3_column_double(s, 21);
    r.attempts = sqlite3_column_int(s, 22);
    records.push_back(std::move(r));
  }
  sqlite3_finalize(s);
  return records;
}

std::string query_text(const std::string& path, const std::string& sql) {
  auto db = open_test_db(path);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db.get()));
  std::string value = sqlite3_step(s) == SQLITE_ROW ? text(s, 0) : "";
  sqlite3_finalize(s);
  return value;
}

std::int64_t count_rows(const std::string& path) {
  return std::stoll(query_text(path, "SELECT COUNT(*) FROM requests"));
}

void expect_same_record(const ledger_record& a, const ledger_record& e) {
  EXPECT_EQ(a.request_id, e.request_id);
  EXPECT_EQ(a.time_ms, e.time_ms) << e.request_id;
  EXPECT_EQ(a.key_id, e.key_id) << e.request_id;
  EXPECT_EQ(a.team, e.team) << e.request_id;
  EXPECT_EQ(a.endpoint, e.endpoint) << e.request_id;
  EXPECT_EQ(a.model, e.model) << e.request_id;
  EXPECT_EQ(a.deployment, e.deployment) << e.request_id;
  EXPECT_EQ(a.provider, e.provider) << e.request_id;
  EXPECT_EQ(a.status, e.status) << e.request_id;
  EXPECT_EQ(a.error_code, e.error_code) << e.request_id;
  EXPECT_EQ(a.usage.prompt, e.usage.prompt) << e.request_id;
  EXPECT_EQ(a.usage.completion, e.usage.completion) << e.request_id;
  EXPECT_EQ(a.usage.cached, e.usage.cached) << e.request_id;
  EXPECT_EQ(a.usage.cache_write, e.usage.cache_write) << e.request_id;
  EXPECT_EQ(a.usage.reasoning, e.usage.reasoning) << e.request_id;
  EXPECT_EQ(a.usage.known, e.usage.known) << e.request_id;
  EXPECT_EQ(a.cost_nanos, e.cost_nanos) << e.request_id;
  EXPECT_EQ(a.latency_ms, e.latency_ms) << e.request_id;
  EXPECT_EQ(a.stream, e.stream) << e.request_id;
  EXPECT_EQ(a.client_gone, e.client_gone) << e.request_id;
  EXPECT_EQ(a.ttft_ms, e.ttft_ms) << e.request_id;
  EXPECT_EQ(a.overhead_ms, e.overhead_ms) << e.request_id;
  EXPECT_EQ(a.attempts, e.attempts) << e.request_id;
}

void run_task(net::io_context& io, task<void> work) {
  auto done = net::co_spawn(io, std::move(work), net::use_future);
  io.restart();
  io.run();
  done.get();
}

write_lock::write_lock(const std::string& path) : db_(open_test_db(path)) {
  EXPECT_EQ(sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
}

void write_lock::release() {
  if (db_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  db_.reset();
}

std::set<std::string> watch_and_kill(pid_t child, int fd, int kill_after, int delay_us) {
  std::set<std::string> committed;
  std::string buffer;
  char chunk[4096];
  bool killed = false;
  for (;;) {
    const auto n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t end;
    while ((end = buffer.find('\n')) != std::string::npos) {
      const auto line = buffer.substr(0, end);
      buffer.erase(0, end + 1);
      if (line.rfind("committed ", 0) == 0) committed.insert(line.substr(10));
    }
    if (!killed && static_cast<int>(committed.size()) >= kill_after) {
      // Not a wait for an event: a random moment, so that the kill lands mid-write.
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
      ::kill(child, SIGKILL);
      killed = true;
    }
  }
  return committed;
}

}  // namespace keygate::test
