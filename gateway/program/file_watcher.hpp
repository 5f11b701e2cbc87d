// Calls back when a file changes: its modification time, size or inode (editors that replace the
// file by renaming count too). Polls from a thread of its own; a missing file is not a change.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace keygate {

class file_watcher {
 public:
  file_watcher(std::string path, std::chrono::milliseconds interval,
               std::function<void()> on_change);
  ~file_watcher();
  file_watcher(const file_watcher&) = delete;
  file_watcher& operator=(const file_watcher&) = delete;

 private:
  std::jthread thread_;
};

}  // namespace keygate
