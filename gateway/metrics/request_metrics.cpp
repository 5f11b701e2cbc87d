#include "gateway/metrics/request_metrics.hpp"

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gateway/metrics/metric_families.hpp"

namespace keygate::metrics {

namespace {

using prometheus::Counter;
using prometheus::Histogram;
using seconds = std::chrono::duration<double>;

// Looked up by a string_view: a request builds its keys in one per-thread buffer, not a string
// each.
struct label_key_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};
template <class Series>
using series_cache = std::unordered_map<std::string, Series, label_key_hash, std::equal_to<>>;

// A cache key from label values; the separator cannot appear in a configured name. Valid until
// the thread's next join.
template <class... Values>
std::string_view join(const Values&... values) {
  thread_local std::string key;
  key.clear();
  ((key.append(values), key.push_back('\x1f')), ...);
  return key;
}

// The series one thread has resolved, by their joined label values. Series are never removed from
// their families, so the references stay valid for the process's life.
template <class Series, class Make>
Series& cached(series_cache<Series>& cache, std::string_view key, Make make) {
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::string owned(key);  // before make(), which may join keys of its own
    it = cache.emplace(std::move(owned), make()).first;
  }
  return it->second;
}

struct request_series {
  Counter* requests;
  Histogram* duration;
  Histogram* first_token;
  Histogram* overhead;
};

struct usage_series {
  std::array<Counter*, 5> tokens;  // prompt, completion, cached, cache_write, reasoning
  std::atomic<std::int64_t>* cost_nanos;
  Counter* unknown_price;
};

struct attempt_series {
  Histogram* upstream;
  Counter* retries;
};

std::string_view or_none(std::string_view value) {
  return value.empty() ? std::string_view("none") : value;
}

request_series make_request_series(const request_labels& l, std::string_view status) {
  auto& f = families();
  const std::string route(l.route), model(l.model), provider(l.provider);
  return {
      &f.requests.Add({{"route", route},
                       {"model", model},
                       {"provider", provider},
                       {"deployment", std::string(l.deployment)},
                       {"key", std::string(l.key)},
                       {"key_alias", std::string(l.key_alias)},
                       {"team", std::string(l.team)},
                       {"status_class", std::string(status)}}),
      &f.request_duration.Add({{"route", route},
                               {"model", model},
                               {"provider", provider},
                               {"status_class", std::string(status)}},
                              latency_buckets()),
      &f.time_to_first_token.Add({{"model", model}, {"provider", provider}}, first_token_buckets()),
      &f.overhead.Add({{"route", route}}, overhead_buckets())};
}

usage_series make_usage_series(const request_labels& l) {
  auto& f = families();
  prometheus::Labels labels{
      {"model", std::string(l.model)},           {"provider", std::string(l.provider)},
      {"deployment", std::string(l.deployment)}, {"key", std::string(l.key)},
      {"key_alias", std::string(l.key_alias)},   {"team", std::string(l.team)}};
  usage_series s{};
  s.cost_nanos = &f.cost.add(labels);
  constexpr std::array<const char*, 5> types{"prompt", "completion", "cached", "cache_write",
                                             "reasoning"};
  for (std::size_t i = 0; i < types.size(); ++i) {
    auto typed = labels;
    typed["type"] = types[i];
    s.tokens[i] = &f.tokens.Add(typed);
  }
  s.unknown_price = &f.unknown_price.Add({{"model", std::string(l.model)},
                                          {"provider", std::string(l.provider)},
                                          {"deployment", std::string(l.deployment)}});
  return s;
}

// keygate_units_total: images, seconds of audio, characters, search units.
void count_units(const request_labels& labels, const token_usage& usage) {
  thread_local series_cache<prometheus::Counter*> cache;
  const std::string_view unit = unit_name(usage.unit);
  auto* counter = cached(cache, join(unit, labels.model, labels.provider, labels.deployment), [&] {
    return &families().units.Add({{"unit", std::string(unit)},
                                  {"model", std::string(labels.model)},
                                  {"provider", std::string(labels.provider)},
                                  {"deployment", std::string(labels.deployment)}});
  });
  counter->Increment(usage.units);
}

}  // namespace

std::string_view status_class(int status) {
  switch (status / 100) {
    case 1:
      return "1xx";
    case 2:
      return "2xx";
    case 3:
      return "3xx";
    case 4:
      return "4xx";
    case 5:
      return "5xx";
    default:
      return "none";
  }
}

void count_request(const request_labels& labels, int status, const request_times& times) {
  thread_local series_cache<request_series> cache;
  const auto status_text = status_class(status);
  auto& s = cached(cache,
                   join(labels.route, labels.model, labels.provider, labels.deployment, labels.key,
                        labels.key_alias, labels.team, status_text),
                   [&] { return make_request_series(labels, status_text); });
  s.requests->Increment();
  s.duration->Observe(seconds(times.total).count());
  s.overhead->Observe(seconds(times.overhead).count());
  if (times.first_token) s.first_token->Observe(seconds(*times.first_token).count());
}

void count_usage(const request_labels& labels, const token_usage& usage,
                 std::optional<std::int64_t> cost_nanos) {
  thread_local series_cache<usage_series> cache;
  auto& s = cached(cache,
                   join(labels.model, labels.provider, labels.deployment, labels.key,
                        labels.key_alias, labels.team),
                   [&] { return make_usage_series(labels); });
  const std::array<std::int64_t, 5> counts{usage.prompt, usage.completion, usage.cached,
                                           usage.cache_write, usage.reasoning};
  for (std::size_t i = 0; i < counts.size(); ++i)
    s.tokens[i]->Increment(static_cast<double>(counts[i]));
  if (cost_nanos)
    s.cost_nanos->fetch_add(*cost_nanos, std::memory_order_relaxed);
  else if (usage.known)
    s.unknown_price->Increment();
  if (usage.unit != usage_unit::none && usage.units > 0) count_units(labels, usage);
}

void count_attempt(std::string_view model, std::string_view provider, std::string_view deployment,
                   bool retry, std::chrono::nanoseconds upstream_wait) {
  thread_local series_cache<attempt_series> cache;
  auto& s = cached(cache, join(model, provider, deployment), [&] {
    auto& f = families();
    prometheus::Labels labels{{"model", std::string(or_none(model))},
                              {"provider", std::string(or_none(provider))},
                              {"deployment", std::string(or_none(deployment))}};
    return attempt_series{&f.upstream_duration.Add(labels, latency_buckets()),
                          &f.retries.Add(labels)};
  });
  s.upstream->Observe(seconds(upstream_wait).count());
  if (retry) s.retries->Increment();
}

// Fallbacks and refusals are rare: their series are looked up in the family each time.
void count_fallback(std::string_view model, std::string_view fallback_model) {
  families()
      .fallbacks
      .Add({{"model", std::string(model)}, {"fallback_model", std::string(fallback_model)}})
      .Increment();
}

void count_cache_lookup(std::string_view model, bool hit, std::size_t bytes,
                        std::optional<std::int64_t> saved_nanos) {
  auto& f = families();
  const std::string model_label(model);
  f.cache_lookups.Add({{"model", model_label}, {"result", hit ? "hit" : "miss"}}).Increment();
  if (!hit) return;
  f.cache_hit_bytes.Add({{"model", model_label}}).Increment(static_cast<double>(bytes));
  if (saved_nanos)
    f.cache_saved.add({{"model", model_label}}).fetch_add(*saved_nanos, std::memory_order_relaxed);
}

void count_prompt_cache(std::string_view model, std::string_view deployment,
                        std::int64_t read_saving_nanos, std::int64_t write_premium_nanos) {
  const prometheus::Labels labels{{"model", std::string(model)},
                                  {"deployment", std::string(deployment)}};
  auto& f = families();
  f.prompt_cache_saved.add(labels).fetch_add(read_saving_nanos, std::memory_order_relaxed);
  f.prompt_cache_write_premium.add(labels).fetch_add(write_premium_nanos,
                                                     std::memory_order_relaxed);
}

void count_refusal(const request_labels& labels, std::string_view limit) {
  auto& f = families();
  prometheus::Labels common{{"model", std::string(labels.model)},
                            {"key", std::string(labels.key)},
                            {"key_alias", std::string(labels.key_alias)},
                            {"team", std::string(labels.team)}};
  if (limit == "budget") return f.budget_rejected.Add(common).Increment();
  common["limit"] = std::string(limit);
  f.rate_limited.Add(common).Increment();
}

namespace {
prometheus::Gauge& in_flight_gauge(std::string_view route) {
  thread_local series_cache<prometheus::Gauge*> cache;
  return *cached(cache, route, [&] {
    return &families().in_flight.Add({{"route", std::string(route)}});
  });
}
}  // namespace

in_flight_request::in_flight_request(std::string_view route) : gauge_(in_flight_gauge(route)) {
  gauge_.Increment();
}

in_flight_request::~in_flight_request() {
  gauge_.Decrement();
}

}  // namespace keygate::metrics
