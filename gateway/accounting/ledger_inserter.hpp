// The writer's side of the database: one connection and its prepared statements, reused for
// every batch.
#pragma once

#include "gateway/accounting/ledger_types.hpp"
#include "gateway/storage/sqlite.hpp"

namespace keygate {

class ledger_inserter {
 public:
  // Takes a connection already prepared by prepare_ledger_db.
  explicit ledger_inserter(sqlite_db db);

  // One transaction: begin(), insert() each record, commit(). Each throws sqlite_error; after a
  // failure, rollback() leaves no transaction open so the batch can be tried again.
  void begin();
  void insert(const ledger_record& record);
  void commit();
  void rollback() noexcept;

 private:
  sqlite_db db_;
  sqlite_stmt begin_, insert_, commit_, rollback_;
};

}  // namespace keygate
