#include "gateway/accounting/ledger_spool.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace keygate {

namespace {

constexpr std::size_t spool_read_block = 1 << 20;

std::system_error spool_io_error(const std::string& what) {
  return std::system_error(errno, std::generic_category(), what);
}

}  // namespace

ledger_spool::ledger_spool(std::string path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw std::runtime_error("ledger spool '" + path_ + "': cannot open: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw std::runtime_error("ledger spool '" + path_ +
                             "' is in use by another keygate; give each instance its own "
                             "ledger.spool");
  }
  // Count the whole lines; cut off a last line a crash left unfinished.
  std::string block(spool_read_block, '\0');
  std::uint64_t offset = 0, last_line_end = 0;
  std::size_t lines = 0;
  for (;;) {
    const auto got = ::pread(fd_, block.data(), block.size(), static_cast<off_t>(offset));
    if (got < 0) throw spool_io_error("ledger spool '" + path_ + "': cannot read");
    if (got == 0) break;
    for (ssize_t i = 0; i < got; ++i)
      if (block[static_cast<std::size_t>(i)] == '\n') {
        ++lines;
        last_line_end = offset + static_cast<std::uint64_t>(i) + 1;
      }
    offset += static_cast<std::uint64_t>(got);
  }
  if (last_line_end != offset && ::ftruncate(fd_, static_cast<off_t>(last_line_end)) != 0)
    throw spool_io_error("ledger spool '" + path_ + "': cannot cut off an unfinished line");
  size_ = last_line_end;
  depth_.store(lines, std::memory_order_relaxed);
}

ledger_spool::~ledger_spool() {
  if (fd_ >= 0) ::close(fd_);  // also releases the lock
}

void ledger_spool::append(const std::vector<pg_ledger_row>& rows) {
  if (rows.empty()) return;
  std::string text;
  for (const auto& row : rows) append_spool_line(text, row);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto wrote =
        ::pwrite(fd_, text.data() + done, text.size() - done, static_cast<off_t>(size_ + done));
    if (wrote < 0) {
      if (errno == EINTR) continue;
      const auto error = spool_io_error("ledger spool '" + path_ + "': cannot write");
      // Nothing half-written stays behind to be replayed as garbage.
      [[maybe_unused]] int ignored = ::ftruncate(fd_, static_cast<off_t>(size_));
      throw error;
    }
    done += static_cast<std::size_t>(wrote);
  }
  if (::fdatasync(fd_) != 0) {
    const auto error = spool_io_error("ledger spool '" + path_ + "': cannot sync");
    [[maybe_unused]] int ignored = ::ftruncate(fd_, static_cast<off_t>(size_));
    throw error;
  }
  size_ += text.size();
  depth_.fetch_add(rows.size(), std::memory_order_relaxed);
}

ledger_spool::chunk ledger_spool::peek(std::size_t max) const {
  chunk c;
  std::string block;
  std::uint64_t offset = read_offset_;
  while (c.rows.size() < max && offset < size_) {
    block.resize(
        static_cast<std::size_t>(std::min<std::uint64_t>(spool_read_block, size_ - offset)));
    const auto got = ::pread(fd_, block.data(), block.size(), static_cast<off_t>(offset));
    if (got <= 0) throw spool_io_error("ledger spool '" + path_ + "': cannot read");
    std::string_view view(block.data(), static_cast<std::size_t>(got));
    std::size_t start = 0;
    for (auto end = view.find('\n'); end != view.npos && c.rows.size() < max;
         end = view.find('\n', start)) {
      if (auto row = parse_spool_line(view.substr(start, end - start)))
        c.rows.push_back(std::move(*row));
      ++c.lines;
      c.bytes += end + 1 - start;
      start = end + 1;
    }
    if (start == 0) break;  // a line longer than a block: cannot happen for spool lines
    offset += start;
  }
  return c;
}

void ledger_spool::consumed(const chunk& c) {
  read_offset_ += c.bytes;
  depth_.fetch_sub(std::min(c.lines, depth_.load(std::memory_order_relaxed)),
                   std::memory_order_relaxed);
}

void ledger_spool::clear() {
  if (::ftruncate(fd_, 0) != 0) throw spool_io_error("ledger spool '" + path_ + "': cannot empty");
  ::fdatasync(fd_);
  read_offset_ = 0;
  size_ = 0;
  depth_.store(0, std::memory_order_relaxed);
}

}  // namespace keygate
