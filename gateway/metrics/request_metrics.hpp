// What keygate counts as requests go by (docs/metrics.md). Thread-safe and cheap on the hot path:
// each worker thread keeps the series it has used, so a request costs a lookup in the thread's own
// table and a few atomic additions, and never a lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "gateway/base/usage.hpp"

namespace prometheus {
class Gauge;
}

namespace keygate::metrics {

// The label values of one request. Each is a configured name or a fixed word, never what a client
// typed: a model that is not configured is "none", like a request without a key.
struct request_labels {
  std::string_view route = "none";  // chat.completions | embeddings
  std::string_view model = "none";  // the model group asked for
  std::string_view provider = "none";
  std::string_view deployment = "none";  // the deployment that served it (the last tried)
  std::string_view key = "none";         // the virtual key's public id; "master" for the master key
  std::string_view key_alias = "none";   // the key's alias, or its id when it has none
  std::string_view team = "none";
};

// "2xx", "4xx", "5xx" ...; "none" when nothing was answered.
std::string_view status_class(int status);

struct request_times {
  std::chrono::nanoseconds total{0};
  std::chrono::nanoseconds overhead{0};
  std::optional<std::chrono::nanoseconds> first_token;  // streams that started only
};

void count_request(const request_labels& labels, int status, const request_times& times);
// Tokens and cost of a request a deployment served, the very figures its ledger record holds.
void count_usage(const request_labels& labels, const token_usage& usage,
                 std::optional<std::int64_t> cost_nanos);
// One attempt at a deployment: how long it waited on the upstream, and whether it was a retry.
void count_attempt(std::string_view model, std::string_view provider, std::string_view deployment,
                   bool retry, std::chrono::nanoseconds upstream_wait);
void count_fallback(std::string_view model, std::string_view fallback_model);
// A request refused by a key's or team's limit: "requests", "tokens", "parallel" or "budget".
void count_refusal(const request_labels& labels, std::string_view limit);

// A look in the response cache for `model`; a hit served `bytes` and saved `saved_nanos`.
void count_cache_lookup(std::string_view model, bool hit, std::size_t bytes = 0,
                        std::optional<std::int64_t> saved_nanos = std::nullopt);

// What a provider's prompt cache did to one request's cost: its reads saved `read_saving_nanos`,
// its writes cost `write_premium_nanos` more than plain input.
void count_prompt_cache(std::string_view model, std::string_view deployment,
                        std::int64_t read_saving_nanos, std::int64_t write_premium_nanos);

// Counts a model request in flight for as long as it lives.
class in_flight_request {
 public:
  explicit in_flight_request(std::string_view route);
  ~in_flight_request();
  in_flight_request(const in_flight_request&) = delete;
  in_flight_request& operator=(const in_flight_request&) = delete;

 private:
  prometheus::Gauge& gauge_;
};

}  // namespace keygate::metrics
