#include "gateway/program/file_watcher.hpp"

#include <sys/stat.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <tuple>

namespace keygate {

namespace {

using signature = std::tuple<long, long, long long, ino_t>;  // mtime s, mtime ns, size, inode

std::optional<signature> stat_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return signature{st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_size, st.st_ino};
}

}  // namespace

file_watcher::file_watcher(std::string path, std::chrono::milliseconds interval,
                           std::function<void()> on_change) {
  // The file as it is now, before the constructor returns: a change made once keygate says it is
  // ready (its port file) must be seen, however late the thread gets to run.
  auto initial = stat_of(path);
  thread_ = std::jthread([path = std::move(path), interval, on_change = std::move(on_change),
                          last = std::move(initial)](std::stop_token stop) mutable {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    for (;;) {
      // Returns early, with true, once a stop is requested.
      if (wake.wait_for(lock, stop, interval, [&] { return stop.stop_requested(); })) return;
      auto now = stat_of(path);
      if (!now || now == last) continue;
      last = now;
      on_change();
    }
  });
}

file_watcher::~file_watcher() = default;  // jthread asks the thread to stop and joins it

}  // namespace keygate
