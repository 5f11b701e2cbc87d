// The Lua scripts that make admission and settlement atomic in Redis (same rules as
// local_limiter), and the one that reads what limits have left. Keys are derived inside the scripts
// (":resv", ":amt"), so they need a single Redis node, not a cluster.
#pragma once

#include <string_view>

namespace keygate::redis_scripts {

// KEYS: rate buckets, parallel sets, budget hashes. ARGV: request id, #rates, #parallel, #budgets,
// lease ms; per rate: per_minute, amount, unit (1 requests, 2 tokens), report (0/1); per parallel:
// max; per budget: limit, reservation, ttl ms.
// Returns {refusal (0 none, 1 requests, 2 tokens, 3 parallel, 4 budget), index of the refusing
// key (1-based), wait ms, requests limit, remaining, reset ms, tokens limit, remaining, reset ms}
// with -1 where no bucket reports.
extern const std::string_view admit;

// KEYS as for admit. ARGV: request id, #rates, #parallel, #budgets; per rate: per_minute,
// correction; per budget: real cost, ttl ms.
extern const std::string_view settle;

// KEYS: rate buckets, parallel sets. ARGV: #rates, #parallel; per rate: per_minute; per parallel:
// max. Returns what each bucket has left, then each parallel limit's free slots. Takes nothing.
extern const std::string_view headroom;

}  // namespace keygate::redis_scripts
