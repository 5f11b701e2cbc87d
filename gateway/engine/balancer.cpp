#include "gateway/engine/balancer.hpp"

#include <algorithm>

namespace keygate {

namespace {

using candidates = std::vector<const routed_deployment*>;

// Orders candidates so the preferred come first; random among equals.
void order_by_strategy(candidates& list, balance_strategy strategy, std::mt19937_64& rng) {
  std::shuffle(list.begin(), list.end(), rng);
  switch (strategy) {
    case balance_strategy::weighted: {
      // A weighted shuffle: draw one by weight, then the next among the rest, and so on.
      candidates ordered;
      while (!list.empty()) {
        long total = 0;
        for (auto* d : list) total += std::max(d->config->weight, 0);
        std::size_t chosen = 0;
        if (total > 0) {
          long ticket = std::uniform_int_distribution<long>(0, total - 1)(rng);
          while (ticket >= std::max(list[chosen]->config->weight, 0))
            ticket -= std::max(list[chosen++]->config->weight, 0);
        }
        ordered.push_back(list[chosen]);
        list.erase(list.begin() + static_cast<long>(chosen));
      }
      list = std::move(ordered);
      break;
    }
    case balance_strategy::least_inflight:
      std::stable_sort(list.begin(), list.end(), [](auto* a, auto* b) {
        return a->health->in_flight.load() < b->health->in_flight.load();
      });
      break;
    case balance_strategy::lowest_latency:
      // Unmeasured deployments (negative average) go first, so each gets measured.
      std::stable_sort(list.begin(), list.end(), [](auto* a, auto* b) {
        return a->health->ttfb_average_us.load() < b->health->ttfb_average_us.load();
      });
      break;
    case balance_strategy::priority:
      std::stable_sort(list.begin(), list.end(),
                       [](auto* a, auto* b) { return a->config->priority < b->config->priority; });
      break;
  }
}

}  // namespace

const routed_deployment* pick_deployment(const routed_group& group,
                                         std::span<const routed_deployment* const> tried,
                                         deployment_health::clock::time_point now,
                                         std::mt19937_64& rng) {
  if (group.deployments.size() == 1) {  // the common case, without a list to build
    const auto& only = group.deployments.front();
    return only.health->try_admit(now) ? &only : nullptr;
  }
  candidates fresh, all;
  for (const auto& d : group.deployments) {
    all.push_back(&d);
    if (std::find(tried.begin(), tried.end(), &d) == tried.end()) fresh.push_back(&d);
  }
  for (candidates* list : {&fresh, &all}) {
    order_by_strategy(*list, group.config->strategy, rng);
    for (const auto* d : *list)
      if (d->health->try_admit(now)) return d;
  }
  return nullptr;
}

}  // namespace keygate
