// Small RAII helpers over SQLite's C API, shared by the ledger's writer and readers.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace keygate {

struct sqlite_closer {
  void operator()(sqlite3* db) const;
};
struct sqlite_finalizer {
  void operator()(sqlite3_stmt* statement) const;
};
using sqlite_db = std::unique_ptr<sqlite3, sqlite_closer>;
using sqlite_stmt = std::unique_ptr<sqlite3_stmt, sqlite_finalizer>;

// A failed SQLite call: the message names what was attempted and SQLite's own reason; code() is
// SQLite's extended result code.
class sqlite_error : public std::runtime_error {
 public:
  sqlite_error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// Throws sqlite_error for `rc` unless it is SQLITE_OK, SQLITE_ROW or SQLITE_DONE.
void check_sqlite(int rc, sqlite3* db, std::string_view what);

// Opens `path` with sqlite3_open_v2 flags (SQLITE_OPEN_FULLMUTEX is not needed: each connection is
// used by one thread at a time). Throws sqlite_error naming the path.
sqlite_db open_sqlite(const std::string& path, int flags);

// Runs one or more statements that return no rows.
void exec_sqlite(sqlite3* db, const char* sql);

// Prepares one statement; `persistent` hints that it will be reused many times.
sqlite_stmt prepare_sqlite(sqlite3* db, std::string_view sql, bool persistent = false);

// Steps a statement that returns no rows, then resets it; throws on failure (after the reset).
void run_sqlite(sqlite3* db, sqlite3_stmt* statement, std::string_view what);

}  // namespace keygate
