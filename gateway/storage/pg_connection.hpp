// One blocking-with-deadline PostgreSQL connection over libpq, for a thread of its own (the
// ledger's writer, an admin reader): libpq's asynchronous calls are driven with poll() so no call
// waits longer than the connection's timeout, even when the server stops answering. Not for a
// worker's event loop. Errors never carry the password: it is passed to libpq apart from the
// connection string and libpq does not repeat it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/config/access_options.hpp"

struct pg_conn;
struct pg_result;

namespace keygate {

// A failed connect or statement. lost(): the connection is gone or timed out (try again later,
// elsewhere); otherwise the server refused the statement itself. sqlstate() is PostgreSQL's code.
class pg_error : public std::runtime_error {
 public:
  pg_error(const std::string& message, bool lost, std::string sqlstate = {})
      : std::runtime_error(message), lost_(lost), sqlstate_(std::move(sqlstate)) {}
  bool lost() const { return lost_; }
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  bool lost_;
  std::string sqlstate_;
};

// The rows of one statement's result, as text.
class pg_rows {
 public:
  pg_rows() = default;
  explicit pg_rows(pg_result* result);
  int size() const;
  int columns() const;
  bool null(int row, int column) const;
  std::string_view text(int row, int column) const;
  std::int64_t int64(int row, int column) const;  // 0 for NULL
  std::int64_t affected() const;                  // rows an INSERT/UPDATE/DELETE touched

 private:
  struct clearer {
    void operator()(pg_result* result) const;
  };
  std::shared_ptr<pg_result> result_;
};

// A parameter in PostgreSQL's text form; nullopt is SQL NULL.
using pg_param = std::optional<std::string>;

class pg_connection {
 public:
  // Connects within options.timeout. Throws pg_error (lost) naming host and database.
  explicit pg_connection(const postgres_options& options);
  ~pg_connection();
  pg_connection(const pg_connection&) = delete;
  pg_connection& operator=(const pg_connection&) = delete;

  // One statement with parameters ($1, $2, ...), answered within the timeout. Throws pg_error;
  // after a lost one the connection is unusable (ok() is false).
  pg_rows exec(std::string_view sql, const std::vector<pg_param>& params = {});
  // The same with the parameters as C strings (nullptr: NULL), for callers that own them already.
  pg_rows exec_values(std::string_view sql, const std::vector<const char*>& values);
  // Several statements in one string, no parameters (migrations).
  void exec_script(std::string_view sql);
  bool ok() const;

 private:
  pg_rows finish(std::string_view what);
  void wait_for(short events);
  [[noreturn]] void lose(const std::string& why);

  pg_conn* conn_ = nullptr;
  std::chrono::milliseconds timeout_;
  std::chrono::steady_clock::time_point deadline_{};
  std::string where_;  // host:port/dbname, for messages
};

// "host:port/dbname" of the options, for logs (never the password).
std::string describe_postgres(const postgres_options& options);

}  // namespace keygate
