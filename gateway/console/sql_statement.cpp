#include "gateway/console/sql_statement.hpp"

#include <sqlite3.h>

namespace keygate::console {

sql_statement::sql_statement(sqlite3* db, std::string_view sql)
    : db_(db), statement_(prepare_sqlite(db, sql)) {}

sql_statement& sql_statement::bind(int index, std::string_view text) {
  check_sqlite(sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8),
               db_, "cannot bind a value");
  return *this;
}

sql_statement& sql_statement::bind(int index, std::int64_t number) {
  check_sqlite(sqlite3_bind_int64(statement_.get(), index, number), db_, "cannot bind a value");
  return *this;
}

sql_statement& sql_statement::bind(int index, double number) {
  check_sqlite(sqlite3_bind_double(statement_.get(), index, number), db_, "cannot bind a value");
  return *this;
}

sql_statement& sql_statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

sql_statement& sql_statement::bind(int index, const std::optional<std::int64_t>& number) {
  return number ? bind(index, *number) : bind_null(index);
}

sql_statement& sql_statement::bind(int index, const std::optional<double>& number) {
  return number ? bind(index, *number) : bind_null(index);
}

sql_statement& sql_statement::bind_null(int index) {
  check_sqlite(sqlite3_bind_null(statement_.get(), index), db_, "cannot bind a value");
  return *this;
}

bool sql_statement::step() {
  const int rc = sqlite3_step(statement_.get());
  check_sqlite(rc, db_, "console database");
  return rc == SQLITE_ROW;
}

int sql_statement::run() {
  while (step()) {
  }
  return sqlite3_changes(db_);
}

bool sql_statement::is_null(int column) const {
  return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

std::string sql_statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_.get(), column);
  if (!bytes) return {};
  return {reinterpret_cast<const char*>(bytes),
          static_cast<std::size_t>(sqlite3_column_bytes(statement_.get(), column))};
}

std::optional<std::string> sql_statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::int64_t sql_statement::integer(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

std::optional<std::int64_t> sql_statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

double sql_statement::real(int column) const {
  return sqlite3_column_double(statement_.get(), column);
}

std::optional<double> sql_statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

write_transaction::write_transaction(sqlite3* db) : db_(db) {
  exec_sqlite(db_, "BEGIN IMMEDIATE");
}

write_transaction::~write_transaction() {
  if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void write_transaction::commit() {
  exec_sqlite(db_, "COMMIT");
  done_ = true;
}

}  // namespace keygate::console
