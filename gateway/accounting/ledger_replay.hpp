// At open, before the writer starts: the records in journals that processes left behind (a crash,
// kill -9) go into the database, each once, and the journals are removed (ledger_journal.hpp).
#pragma once

#include <cstddef>
#include <string>

#include "gateway/accounting/ledger_inserter.hpp"

namespace keygate {

struct journal_replay {
  std::size_t files = 0;
  std::size_t records = 0;    // read from the files
  std::size_t added = 0;      // not in the database yet
  std::size_t cut_bytes = 0;  // a last frame the crash cut short (its answer never went out)
};

// Throws on a database error; the journals are then kept for the next open.
journal_replay replay_ledger_journals(const std::string& ledger_path, ledger_inserter& inserter);

}  // namespace keygate
