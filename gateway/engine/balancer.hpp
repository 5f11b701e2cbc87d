// Chooses the deployment for the next attempt of a request, by the group's strategy, among the
// deployments whose health admits a request now.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include "gateway/base/usage.hpp"
#include "gateway/engine/routing_table.hpp"

namespace keygate {

// What a request is expected to cost at a deployment (nano-USD), for the cost strategy and
// max_price; none when the deployment has no known price.
std::optional<std::int64_t> estimated_cost(const routed_deployment& d, const token_usage& estimate);

// Whether the group's max_price (if any) lets this request go to `d`.
bool within_max_price(const routed_group& group, const routed_deployment& d,
                      const token_usage& estimate);

// Deployments this request already tried are passed over while the group has others; when every
// one was tried, they are candidates again (a retry on the same deployment). Returns null when no
// deployment admits a request (all cooling down, or over the group's max_price). A returned
// deployment has been admitted: its health record counts on a report back (on_success, on_failure
// or on_abandoned). `estimate`: the request's expected tokens, for the cost strategy and
// max_price; without it, neither applies.
const routed_deployment* pick_deployment(const routed_group& group,
                                         std::span<const routed_deployment* const> tried,
                                         deployment_health::clock::time_point now,
                                         std::mt19937_64& rng,
                                         const token_usage* estimate = nullptr);

}  // namespace keygate
