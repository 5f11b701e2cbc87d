// Moving a SQLite ledger's history into the PostgreSQL ledger (keygate ledger import). Each row
// keeps its id from the file it came from, so importing the same file twice, or after a partial
// run, adds nothing twice.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace keygate {

class pg_connection;

struct ledger_import_result {
  std::int64_t read = 0;      // rows in the SQLite file
  std::int64_t inserted = 0;  // rows PostgreSQL did not have yet
};

// Reads `sqlite_path` (opened read-only) and inserts its rows in statements of a thousand, after
// bringing the PostgreSQL schema up to date. `progress` is told the rows read so far. Throws
// std::runtime_error (a file that is not a ledger) or pg_error.
ledger_import_result import_sqlite_ledger(const std::string& sqlite_path, pg_connection& db,
                                          const std::function<void(std::int64_t)>& progress = {});

}  // namespace keygate
