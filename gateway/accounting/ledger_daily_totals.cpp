#include "gateway/accounting/ledger_daily_totals.hpp"

#include <string_view>

namespace keygate {

void daily_sums::add(const ledger_record& r) {
  ++requests;
  prompt_tokens += r.usage.prompt;
  completion_tokens += r.usage.completion;
  cached_tokens += r.usage.cached;
  cache_write_tokens += r.usage.cache_write;
  reasoning_tokens += r.usage.reasoning;
  if (r.cost_nanos)
    cost_nanos += *r.cost_nanos;
  else
    ++unknown_cost_requests;
  if (r.cache_hit) ++cache_hits;
  saved_nanos += r.saved_nanos.value_or(0);
}

void ledger_daily_totals::add(const ledger_record& r) {
  // SQLite's integer division, which the tables' day was always computed with, truncates too.
  const std::int64_t day = r.time_ms / ms_per_day;
  using view = std::string_view;
  const std::tuple<std::int64_t, view, view, view> route{day, r.model, r.provider, r.deployment};
  auto at_route = routes_.find(route);
  if (at_route == routes_.end())
    at_route =
        routes_.emplace(route_key{day, r.model, r.provider, r.deployment}, daily_sums{}).first;
  at_route->second.add(r);
  const std::tuple<std::int64_t, view, view> key{day, r.key_id, r.team};
  auto at_key = keys_.find(key);
  if (at_key == keys_.end())
    at_key = keys_.emplace(key_key{day, r.key_id, r.team}, daily_sums{}).first;
  at_key->second.add(r);
}

void ledger_daily_totals::clear() {
  routes_.clear();
  keys_.clear();
}

}  // namespace keygate
