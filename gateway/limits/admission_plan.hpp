// Which limits one request takes from, and how much: its key's, its key's team's, and its key's
// for this model, each for requests, tokens, concurrency and money.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/access/authenticate.hpp"
#include "gateway/limits/limiter.hpp"

namespace keygate {

struct request_estimate {
  std::int64_t tokens = 1;                       // prompt estimate + the most it may write
  std::optional<std::int64_t> worst_cost_nanos;  // none when no price is known
};

// `end_user` (may be empty) takes from the key's per-end-user limits too.
admission_request plan_admission(const caller& who, std::string_view model,
                                 const request_estimate& estimate, std::string request_id,
                                 std::int64_t unix_ms, std::string_view end_user = {});

// What to give back: the token buckets corrected to the real count, the concurrency slots, and
// the budgets charged the real cost (0 when unknown) in place of the reservation.
settlement plan_settlement(const admission_request& admitted, std::int64_t estimated_tokens,
                           std::int64_t real_tokens, std::optional<std::int64_t> cost_nanos);

// Tokens a prompt of this many bytes can hold at most (a token is at least one byte) and the
// usual estimate (about four bytes a token).
std::int64_t prompt_tokens_upper_bound(std::size_t body_bytes);
std::int64_t prompt_tokens_estimate(std::size_t body_bytes);

}  // namespace keygate
