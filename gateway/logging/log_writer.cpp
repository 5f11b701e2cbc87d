#include "gateway/logging/log_writer.hpp"

#include <unistd.h>

#include <cerrno>

namespace keygate {

log_writer::log_writer(int fd, std::chrono::milliseconds gather, std::size_t max_buffered)
    : fd_(fd), gather_(gather), max_buffered_(max_buffered), thread_([this] { run(); }) {}

log_writer::~log_writer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void log_writer::write(std::string_view line, bool urgent) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return pending_.size() < max_buffered_ || stopping_; });
  pending_.append(line).push_back('\n');
  queued_bytes_ += line.size() + 1;
  const bool wake = writer_waiting_ || urgent;
  writer_waiting_ = false;
  urgent_ = urgent_ || urgent;
  lock.unlock();
  if (wake) wake_.notify_one();
}

void log_writer::flush() {
  std::unique_lock lock(mutex_);
  const auto target = queued_bytes_;
  urgent_ = true;
  writer_waiting_ = false;
  wake_.notify_one();
  room_.wait(lock, [&] { return written_bytes_ >= target; });
}

void log_writer::run() {
  std::string writing;
  std::unique_lock lock(mutex_);
  for (;;) {
    if (pending_.empty()) {
      if (stopping_) return;
      writer_waiting_ = true;
      wake_.wait(lock, [&] { return !pending_.empty() || stopping_; });
      writer_waiting_ = false;
      continue;
    }
    // Gather: lines that come in the next few milliseconds go out with these.
    wake_.wait_for(lock, gather_, [&] { return urgent_ || stopping_; });
    urgent_ = false;
    writing.swap(pending_);
    lock.unlock();
    room_.notify_all();
    write_out(writing);
    lock.lock();
    written_bytes_ += writing.size();
    writing.clear();
    if (writing.capacity() > max_buffered_) writing = std::string();
    room_.notify_all();
  }
}

void log_writer::write_out(const std::string& bytes) {
  const char* at = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, at, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a closed stdout or a full disk: nowhere left to report it
    at += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace keygate
