#include "gateway/base/secure_random.hpp"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace keygate {

namespace {

// Each thread draws 256 bytes at a time: ids made per request cost a copy, not a system call.
// A byte handed out is never handed out again.
struct random_pool {
  unsigned char bytes[256];
  std::size_t used = sizeof bytes;
};

void read_kernel_random(unsigned char* out, std::size_t n) {
  while (n > 0) {
    const ssize_t got = ::getrandom(out, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("no random bytes from the kernel: ") +
                               std::strerror(errno));
    }
    out += got;
    n -= static_cast<std::size_t>(got);
  }
}

}  // namespace

void fill_secure_random(unsigned char* out, std::size_t n) {
  thread_local random_pool pool;
  while (n > 0) {
    if (pool.used == sizeof pool.bytes) {
      read_kernel_random(pool.bytes, sizeof pool.bytes);
      pool.used = 0;
    }
    const std::size_t take = std::min(n, sizeof pool.bytes - pool.used);
    std::memcpy(out, pool.bytes + pool.used, take);
    std::memset(pool.bytes + pool.used, 0, take);
    pool.used += take;
    out += take;
    n -= take;
  }
}

}  // namespace keygate
