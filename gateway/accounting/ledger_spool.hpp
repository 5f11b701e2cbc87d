// Where the PostgreSQL ledger keeps records while PostgreSQL is unreachable or slow: an
// append-only file of spool lines, synced to the device per batch, replayed in order from a read
// position and emptied once all of it is in PostgreSQL. One keygate at a time: the file is locked.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gateway/accounting/pg_ledger_rows.hpp"

namespace keygate {

class ledger_spool {
 public:
  // Opens (or creates) the file and locks it; a line cut short by a crash is cut off (its record
  // was never acknowledged). Throws std::runtime_error naming the path: cannot open, or another
  // keygate holds it.
  explicit ledger_spool(std::string path);
  ~ledger_spool();
  ledger_spool(const ledger_spool&) = delete;
  ledger_spool& operator=(const ledger_spool&) = delete;

  // Appends the rows and syncs the file before returning. Throws std::system_error.
  void append(const std::vector<pg_ledger_row>& rows);

  // Up to `max` rows from the read position, oldest first, without moving it.
  struct chunk {
    std::vector<pg_ledger_row> rows;
    std::size_t lines = 0;  // lines read (a line that is not a row is skipped, and counted)
    std::uint64_t bytes = 0;
  };
  chunk peek(std::size_t max) const;
  // The chunk is in PostgreSQL: moves the read position past it.
  void consumed(const chunk& c);
  // Everything was replayed: empties the file.
  void clear();

  std::size_t depth() const { return depth_.load(std::memory_order_relaxed); }
  bool empty() const { return depth() == 0; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t read_offset_ = 0;
  std::uint64_t size_ = 0;
  std::atomic<std::size_t> depth_{0};  // lines not yet replayed
};

}  // namespace keygate
