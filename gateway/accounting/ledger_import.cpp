#include "gateway/accounting/ledger_import.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <vector>

#include "gateway/accounting/ledger.hpp"
#include "gateway/accounting/ledger_journal.hpp"
#include "gateway/accounting/pg_ledger_rows.hpp"
#include "gateway/accounting/pg_ledger_schema.hpp"
#include "gateway/storage/pg_connection.hpp"
#include "gateway/storage/sqlite.hpp"

namespace keygate {

namespace {

constexpr std::size_t import_rows_per_statement = 1000;

std::string import_column_text(sqlite3_stmt* s, int column) {
  auto text = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, column)))
              : std::string();
}

ledger_record import_record_at(sqlite3_stmt* s) {
  ledger_record r;
  r.request_id = import_column_text(s, 1);
  r.time_ms = sqlite3_column_int64(s, 2);
  r.key_id = import_column_text(s, 3);
  r.team = import_column_text(s, 4);
  r.endpoint = import_column_text(s, 5);
  r.model = import_column_text(s, 6);
  r.deployment = import_column_text(s, 7);
  r.provider = import_column_text(s, 8);
  r.status = sqlite3_column_int(s, 9);
  r.error_code = import_column_text(s, 10);
  r.usage.prompt = sqlite3_column_int64(s, 11);
  r.usage.completion = sqlite3_column_int64(s, 12);
  r.usage.cached = sqlite3_column_int64(s, 13);
  r.usage.cache_write = sqlite3_column_int64(s, 14);
  r.usage.reasoning = sqlite3_column_int64(s, 15);
  r.usage.known = sqlite3_column_int(s, 16) != 0;
  if (sqlite3_column_type(s, 17) != SQLITE_NULL) r.cost_nanos = sqlite3_column_int64(s, 17);
  r.latency_ms = sqlite3_column_double(s, 18);
  r.stream = sqlite3_column_int(s, 19) != 0;
  r.client_gone = sqlite3_column_int(s, 20) != 0;
  if (sqlite3_column_type(s, 21) != SQLITE_NULL) r.ttft_ms = sqlite3_column_double(s, 21);
  r.overhead_ms = sqlite3_column_double(s, 22);
  r.attempts = sqlite3_column_int(s, 23);
  return r;
}

std::int64_t import_rows(pg_connection& db, const std::vector<pg_ledger_row>& rows) {
  std::vector<const char*> values;
  for (const auto& row : rows)
    for (const auto& value : row) values.push_back(value ? value->c_str() : nullptr);
  const auto inserted = db.exec_values(pg_ledger_insert_sql(rows.size()), values);
  return inserted.size() ? inserted.int64(0, 0) : 0;
}

}  // namespace

ledger_import_result import_sqlite_ledger(const std::string& sqlite_path, pg_connection& db,
                                          const std::function<void(std::int64_t)>& progress) {
  // A keygate that crashed left records in a journal: opening the ledger replays them first.
  if (!ledger_journal::orphans(sqlite_path).empty()) ledger replayed(ledger_options{sqlite_path});
  auto source = open_sqlite(sqlite_path, SQLITE_OPEN_READONLY);
  sqlite_stmt statement;
  try {
    statement = prepare_sqlite(source.get(), R"sql(
      SELECT id, request_id, time_ms, key_id, team, endpoint, model, deployment, provider, status,
             error_code, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens,
             reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, client_gone, ttft_ms,
             overhead_ms, attempts
      FROM requests ORDER BY id
    )sql");
  } catch (const sqlite_error& error) {
    throw std::runtime_error("'" + sqlite_path + "' is not a keygate ledger: " + error.what());
  }
  migrate_pg_ledger(db);
  ledger_import_result result;
  std::vector<pg_ledger_row> rows;
  int rc;
  sqlite3_stmt* s = statement.get();
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    // The row's id in its file with its request id and time: the same row maps to the same id
    // on every run, rows of two instances' files never to the same one.
    const auto id = "sqlite-" + std::to_string(sqlite3_column_int64(s, 0)) + "-" +
                    import_column_text(s, 1) + "-" + std::to_string(sqlite3_column_int64(s, 2));
    rows.push_back(pg_ledger_row_of(import_record_at(s), id));
    ++result.read;
    if (rows.size() == import_rows_per_statement) {
      result.inserted += import_rows(db, rows);
      rows.clear();
      if (progress) progress(result.read);
    }
  }
  check_sqlite(rc, source.get(), "cannot read the ledger");
  if (!rows.empty()) result.inserted += import_rows(db, rows);
  if (progress) progress(result.read);
  return result;
}

}  // namespace keygate
