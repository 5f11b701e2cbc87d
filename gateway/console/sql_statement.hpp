// One prepared statement with typed binds and columns: the console store's queries read as SQL
// and a few calls, not as SQLite's C API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/storage/sqlite.hpp"

namespace keygate::console {

class sql_statement {
 public:
  sql_statement(sqlite3* db, std::string_view sql);

  // Parameters are numbered from 1, as in the SQL (?1, ?2, ...). Text is copied.
  sql_statement& bind(int index, std::string_view text);
  sql_statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  sql_statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  sql_statement& bind(int index, std::int64_t number);
  sql_statement& bind(int index, double number);
  sql_statement& bind(int index, const std::optional<std::string>& text);
  sql_statement& bind(int index, const std::optional<std::int64_t>& number);
  sql_statement& bind(int index, const std::optional<double>& number);
  sql_statement& bind_null(int index);

  // Steps once: true while there is a row to read. Throws sqlite_error.
  bool step();
  // Runs a statement that returns no rows; returns the rows it changed.
  int run();

  bool is_null(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  double real(int column) const;
  std::optional<double> optional_real(int column) const;

 private:
  sqlite3* db_;
  sqlite_stmt statement_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK unless commit() ran: one short write transaction.
class write_transaction {
 public:
  explicit write_transaction(sqlite3* db);
  ~write_transaction();
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;
  void commit();

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace keygate::console
