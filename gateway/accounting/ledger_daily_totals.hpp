// The daily spend tables' share of one batch: the writer sums a transaction's records by UTC day
// and route (model, provider, deployment) and by day and key (key, team), and adds each sum to its
// row with one upsert, instead of two upserts per record.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "gateway/accounting/ledger_types.hpp"

namespace keygate {

struct daily_sums {
  std::int64_t requests = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  std::int64_t cached_tokens = 0;
  std::int64_t cache_write_tokens = 0;
  std::int64_t reasoning_tokens = 0;
  std::int64_t cost_nanos = 0;             // known costs only
  std::int64_t unknown_cost_requests = 0;  // records with no price
  std::int64_t cache_hits = 0;
  std::int64_t saved_nanos = 0;

  void add(const ledger_record& record);
};

constexpr std::int64_t ms_per_day = 86'400'000;

class ledger_daily_totals {
 public:
  using route_key = std::tuple<std::int64_t, std::string, std::string, std::string>;
  using key_key = std::tuple<std::int64_t, std::string, std::string>;

  // Orders keys by their text, so a record's fields find their row without copies.
  struct by_view {
    using is_transparent = void;
    template <typename... Text>
    static auto view(const std::tuple<std::int64_t, Text...>& key) {
      return std::apply(
          [](std::int64_t day, const Text&... text) {
            return std::tuple<std::int64_t, decltype(std::string_view(text))...>(
                day, std::string_view(text)...);
          },
          key);
    }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return view(a) < view(b);
    }
  };

  void add(const ledger_record& record);
  void clear();
  bool empty() const { return routes_.empty(); }

  const std::map<route_key, daily_sums, by_view>& routes() const { return routes_; }
  const std::map<key_key, daily_sums, by_view>& keys() const { return keys_; }

 private:
  std::map<route_key, daily_sums, by_view> routes_;
  std::map<key_key, daily_sums, by_view> keys_;
};

}  // namespace keygate
