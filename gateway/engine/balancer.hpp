// Chooses the deployment for the next attempt of a request, by the group's strategy, among the
// deployments whose health admits a request now.
#pragma once

#include <random>
#include <span>
#include <vector>

#include "gateway/engine/routing_table.hpp"

namespace keygate {

// Deployments this request already tried are passed over while the group has others; when every
// one was tried, they are candidates again (a retry on the same deployment). Returns null when no
// deployment admits a request (all cooling down). A returned deployment has been admitted: its
// health record counts on a report back (on_success, on_failure or on_abandoned).
const routed_deployment* pick_deployment(const routed_group& group,
                                         std::span<const routed_deployment* const> tried,
                                         deployment_health::clock::time_point now,
                                         std::mt19937_64& rng);

}  // namespace keygate
