// The SQLite ledger's journal: every answered request's record, written to a file with one write()
// before the answer's last bytes, so that the answer never waits for a SQLite commit and a record
// still survives kill -9 (the kernel has the bytes). The writer commits records to SQLite in
// batches as before; a journal whose records are all committed is removed, and journals left by
// a process that died are replayed into SQLite when the next keygate opens the ledger
// (docs/ledger.md#the-journal).
//
// Files: "<ledger path>.records.<pid>", and "<...>.old" while its records are being committed
// after the file was turned over. Each is locked (flock) while its process lives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keygate {

class ledger_journal {
 public:
  // Creates this process's journal (an existing file of that name, from a process that had the
  // same pid and is gone, must have been replayed first). Throws std::runtime_error naming the
  // path.
  explicit ledger_journal(const std::string& ledger_path);
  ~ledger_journal();  // closes the files; removes nothing
  ledger_journal(const ledger_journal&) = delete;
  ledger_journal& operator=(const ledger_journal&) = delete;

  // Appends whole frames with one write(). False when the kernel took less than all of them
  // (disk full, an I/O error): the file is cut back to its last whole frame, and the caller must
  // keep its record another way. After a cut that failed, every write is refused.
  bool write(std::string_view frames);
  std::uint64_t size() const { return size_; }

  // The file so far becomes the old one, and a new, empty file takes its place. Only when no old
  // one is held; throws std::runtime_error when the new file cannot be made (the current one is
  // kept then).
  void turn_over();
  bool holds_old() const { return old_fd_ >= 0; }
  // The old file's records are all committed: removes it.
  void drop_old();
  // Every record is committed: removes both files (at a clean close).
  void remove_all();

  // The journals of processes that are gone (their files not locked), oldest first: to be
  // replayed and then removed with remove_orphan.
  static std::vector<std::string> orphans(const std::string& ledger_path);
  // The bytes of a journal file; throws std::runtime_error when it cannot be read.
  static std::string read(const std::string& path);
  static void remove_orphan(const std::string& path);

 private:
  std::string path_, old_path_;
  int fd_ = -1, old_fd_ = -1;
  std::uint64_t size_ = 0;
  bool broken_ = false;
};

}  // namespace keygate
