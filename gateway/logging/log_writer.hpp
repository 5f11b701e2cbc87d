// The one thread that writes log lines, so a request never waits on the disk or a slow stdout.
// Lines are appended to a shared buffer; the writer wakes for the first line after a quiet spell,
// gathers for `gather` (more lines join the same write), then writes all of them with one write().
// A busy gateway thus costs one wake-up and one system call per gather period, not per line.
// Warnings and errors are written at once. The buffer is bounded: when the output cannot keep
// up, the logging thread waits rather than a line being lost.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace keygate {

class log_writer {
 public:
  // Writes to `fd` (not closed by the writer).
  explicit log_writer(int fd, std::chrono::milliseconds gather = std::chrono::milliseconds(10),
                      std::size_t max_buffered = 4 << 20);
  ~log_writer();  // writes what is buffered, then stops
  log_writer(const log_writer&) = delete;
  log_writer& operator=(const log_writer&) = delete;

  // Queues `line` and a newline. `urgent` lines end the gathering at once.
  void write(std::string_view line, bool urgent);
  // Returns once everything queued before the call has been handed to the kernel.
  void flush();

 private:
  void run();
  void write_out(const std::string& bytes);

  const int fd_;
  const std::chrono::milliseconds gather_;
  const std::size_t max_buffered_;
  std::mutex mutex_;
  std::condition_variable wake_;  // the writer: work, or stop
  std::condition_variable room_;  // writers of lines: the buffer has room, or a flush finished
  std::string pending_;           // queued, not yet taken by the writer
  bool writer_waiting_ = false;   // idle with nothing queued: the next line must wake it
  bool urgent_ = false;
  bool stopping_ = false;
  std::uint64_t queued_bytes_ = 0;   // ever queued
  std::uint64_t written_bytes_ = 0;  // ever handed to the kernel (or given up on a failed fd)
  std::thread thread_;
};

}  // namespace keygate
