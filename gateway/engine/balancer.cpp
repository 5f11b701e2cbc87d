#include "gateway/engine/balancer.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <cmath>

#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/deployment_price.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

std::optional<std::int64_t> estimated_cost(const routed_deployment& d,
                                           const token_usage& estimate) {
  const token_prices* price = price_for(*d.config);
  if (!price) return std::nullopt;
  return cost_nanos(estimate, *price);
}

bool within_max_price(const routed_group& group, const routed_deployment& d,
                      const token_usage& estimate) {
  if (!group.config->max_price) return true;
  const auto cost = estimated_cost(d, estimate);
  return cost && *cost <= std::llround(*group.config->max_price * 1e9);
}

namespace {

using candidates = std::vector<const routed_deployment*>;

// Cheapest first for this request's estimated tokens, the unpriced last; ties go to the lower
// time to first byte (unmeasured first, so each gets measured).
void order_by_cost(candidates& list, const token_usage& estimate) {
  struct ranked {
    const routed_deployment* d;
    std::int64_t cost;
  };
  std::vector<ranked> ranks;
  for (auto* d : list) ranks.push_back({d, estimated_cost(*d, estimate).value_or(INT64_MAX)});
  std::stable_sort(ranks.begin(), ranks.end(), [](const ranked& a, const ranked& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    return a.d->health->ttfb_average_us.load() < b.d->health->ttfb_average_us.load();
  });
  for (std::size_t i = 0; i < ranks.size(); ++i) list[i] = ranks[i].d;
}

void log_cost_choice(const routed_deployment& chosen, const candidates& order,
                     const token_usage& estimate) {
  boost::json::array ranking;
  for (auto* d : order) {
    const auto cost = estimated_cost(*d, estimate);
    ranking.push_back(
        {{"deployment", d->config->id}, {"estimated_usd", cost ? format_usd(*cost) : "unpriced"}});
  }
  log_debug("deployment chosen by cost",
            {{"deployment", chosen.config->id},
             {"reason", "cheapest for the estimated tokens among those healthy and with room"},
             {"estimated_prompt_tokens", estimate.prompt},
             {"estimated_completion_tokens", estimate.completion},
             {"ranking", std::move(ranking)}});
}

// Orders candidates so the preferred come first; random among equals.
void order_by_strategy(candidates& list, balance_strategy strategy, std::mt19937_64& rng,
                       const token_usage* estimate) {
  std::shuffle(list.begin(), list.end(), rng);
  switch (strategy) {
    case balance_strategy::cost:
      if (estimate) order_by_cost(list, *estimate);
      break;
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
                                         std::mt19937_64& rng, const token_usage* estimate) {
  auto allowed = [&](const routed_deployment& d) {
    return !estimate || within_max_price(group, d, *estimate);
  };
  if (group.deployments.size() == 1) {  // the common case, without a list to build
    const auto& only = group.deployments.front();
    return allowed(only) && only.health->try_admit(now) ? &only : nullptr;
  }
  candidates fresh, all;
  for (const auto& d : group.deployments) {
    if (!allowed(d)) continue;
    all.push_back(&d);
    if (std::find(tried.begin(), tried.end(), &d) == tried.end()) fresh.push_back(&d);
  }
  for (candidates* list : {&fresh, &all}) {
    order_by_strategy(*list, group.config->strategy, rng, estimate);
    for (const auto* d : *list)
      if (d->health->try_admit(now)) {
        if (estimate && group.config->strategy == balance_strategy::cost && debug_log_enabled())
          log_cost_choice(*d, *list, *estimate);
        return d;
      }
  }
  return nullptr;
}

}  // namespace keygate
