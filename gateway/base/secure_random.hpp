// Random bytes for secrets and ids, from the kernel's generator (getrandom(2)).
// Not OpenSSL's: its generator loads its default provider on first use, about 2 MB of resident
// library pages that an idle keygate with no TLS upstream would otherwise keep (bench/README.md).
#pragma once

#include <cstddef>

namespace keygate {

// Fills `out` with `n` bytes; throws std::runtime_error if the kernel refuses.
void fill_secure_random(unsigned char* out, std::size_t n);

}  // namespace keygate
