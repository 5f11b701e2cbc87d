// The writer's side of the database: one connection and its prepared statements, reused for
// every batch. It keeps the daily spend tables too: a transaction's records are summed by day and
// route and by day and key, and each sum is added to its row when the transaction commits.
#pragma once

#include "gateway/accounting/ledger_daily_totals.hpp"
#include "gateway/accounting/ledger_types.hpp"
#include "gateway/storage/sqlite.hpp"

namespace keygate {

class ledger_inserter {
 public:
  // Takes a connection already prepared by prepare_ledger_db.
  explicit ledger_inserter(sqlite_db db);

  // One transaction: begin(), insert() each record, commit() (which first adds the records' sums
  // to the daily tables). Each throws sqlite_error; after a failure, rollback() leaves no
  // transaction open and forgets the sums, so the batch can be tried again.
  void begin();
  void insert(const ledger_record& record);
  void commit();
  void rollback() noexcept;

  // Whether the database has this record already: a row with its request id, time and latency
  // (the journal's replay after a crash puts in only what the last commits did not).
  bool contains(const ledger_record& record);

 private:
  void write_daily_totals();

  sqlite_db db_;
  sqlite_stmt begin_, insert_, commit_, rollback_;
  sqlite_stmt add_route_day_, add_key_day_, find_;
  ledger_daily_totals totals_;
};

}  // namespace keygate
