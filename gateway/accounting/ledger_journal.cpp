#include "gateway/accounting/ledger_journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace keygate {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view journal_infix = ".records.";
constexpr std::string_view old_suffix = ".old";

std::runtime_error journal_error(const std::string& path, const std::string& what) {
  return std::runtime_error("ledger journal '" + path + "': " + what + ": " + std::strerror(errno));
}

// A new, empty, locked journal file.
int create_locked(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw journal_error(path, "cannot create");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw journal_error(path, "cannot lock");
  }
  return fd;
}

}  // namespace

ledger_journal::ledger_journal(const std::string& ledger_path)
    : path_(ledger_path + std::string(journal_infix) + std::to_string(::getpid())),
      old_path_(path_ + std::string(old_suffix)),
      fd_(create_locked(path_)) {}

ledger_journal::~ledger_journal() {
  if (fd_ >= 0) ::close(fd_);
  if (old_fd_ >= 0) ::close(old_fd_);
}

bool ledger_journal::write(std::string_view frames) {
  if (broken_) return false;
  const auto written = ::write(fd_, frames.data(), frames.size());
  if (written == static_cast<ssize_t>(frames.size())) {
    size_ += frames.size();
    return true;
  }
  // Part of a frame would hide every frame after it from the replay: cut it off.
  if (written > 0 && ::ftruncate(fd_, static_cast<off_t>(size_)) != 0) broken_ = true;
  return false;
}

void ledger_journal::turn_over() {
  if (::rename(path_.c_str(), old_path_.c_str()) != 0)
    throw journal_error(path_, "cannot turn over");
  int fresh = -1;
  try {
    fresh = create_locked(path_);
  } catch (...) {
    ::rename(old_path_.c_str(), path_.c_str());
    throw;
  }
  old_fd_ = fd_;
  fd_ = fresh;
  size_ = 0;
}

void ledger_journal::drop_old() {
  if (old_fd_ < 0) return;
  ::unlink(old_path_.c_str());
  ::close(old_fd_);
  old_fd_ = -1;
}

void ledger_journal::remove_all() {
  drop_old();
  ::unlink(path_.c_str());
}

std::vector<std::string> ledger_journal::orphans(const std::string& ledger_path) {
  const fs::path ledger_file(ledger_path);
  const fs::path dir = ledger_file.has_parent_path() ? ledger_file.parent_path() : fs::path(".");
  const std::string prefix = ledger_file.filename().string() + std::string(journal_infix);
  struct found {
    std::string path;
    fs::file_time_type changed;
    bool old;
  };
  std::vector<found> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix) || !entry.is_regular_file(error)) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;  // a live process holds its own
    ::close(fd);
    if (free)
      files.push_back(
          {entry.path().string(), entry.last_write_time(error), name.ends_with(old_suffix)});
  }
  // A process's old file holds records older than its current one.
  std::sort(files.begin(), files.end(), [](const found& a, const found& b) {
    if (a.old != b.old) return a.old;
    return a.changed < b.changed;
  });
  std::vector<std::string> paths;
  paths.reserve(files.size());
  for (auto& f : files) paths.push_back(std::move(f.path));
  return paths;
}

std::string ledger_journal::read(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw journal_error(path, "cannot open");
  std::string bytes;
  char block[1 << 16];
  for (;;) {
    const auto got = ::read(fd, block, sizeof block);
    if (got < 0) {
      const auto error = journal_error(path, "cannot read");
      ::close(fd);
      throw error;
    }
    if (got == 0) break;
    bytes.append(block, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return bytes;
}

void ledger_journal::remove_orphan(const std::string& path) {
  ::unlink(path.c_str());
}

}  // namespace keygate
