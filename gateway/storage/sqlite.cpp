#include "gateway/storage/sqlite.hpp"

#include <sqlite3.h>

namespace keygate {

void sqlite_closer::operator()(sqlite3* db) const {
  sqlite3_close_v2(db);
}

void sqlite_finalizer::operator()(sqlite3_stmt* statement) const {
  sqlite3_finalize(statement);
}

namespace {

sqlite_error failure(int rc, sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return sqlite_error(db ? sqlite3_extended_errcode(db) : rc, message);
}

}  // namespace

void check_sqlite(int rc, sqlite3* db, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw failure(rc, db, what);
}

sqlite_db open_sqlite(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite_db db(raw);  // sqlite3_open_v2 hands out a handle even on failure; it must be closed
  check_sqlite(rc, raw, "cannot open database '" + path + "'");
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

void exec_sqlite(sqlite3* db, const char* sql) {
  check_sqlite(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

sqlite_stmt prepare_sqlite(sqlite3* db, std::string_view sql, bool persistent) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &raw, nullptr);
  sqlite_stmt statement(raw);
  check_sqlite(rc, db, "cannot prepare '" + std::string(sql) + "'");
  return statement;
}

void run_sqlite(sqlite3* db, sqlite3_stmt* statement, std::string_view what) {
  const int rc = sqlite3_step(statement);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
    sqlite3_reset(statement);
    return;
  }
  auto error = failure(rc, db, what);  // read the message before the reset
  sqlite3_reset(statement);
  throw error;
}

}  // namespace keygate
