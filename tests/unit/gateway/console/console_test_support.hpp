// A console database of the test's own, brought up to date, and two owners to keep apart.
#pragma once

#include <sqlite3.h>

#include <string>

#include "../accounting/ledger_test_support.hpp"
#include "gateway/console/console_schema.hpp"
#include "gateway/console/owner.hpp"
#include "gateway/storage/sqlite.hpp"

namespace keygate::console::test {

class console_db {
 public:
  console_db()
      : db_(open_sqlite(dir_.file("console.db"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) {
    prepare_console_db(db_.get(), std::chrono::milliseconds(1000));
  }
  sqlite3* get() const { return db_.get(); }
  std::string path() const { return dir_.file("console.db"); }

 private:
  keygate::test::temp_dir dir_;
  sqlite_db db_;
};

inline const owner alice{"key:alice", "alice", "alice"};
inline const owner bob{"key:bob", "bob", "bob"};

}  // namespace keygate::console::test
