#include "gateway/metrics/metric_families.hpp"

namespace keygate::metrics {

namespace {

prometheus::Family<prometheus::Counter>& counter(prometheus::Registry& r, const std::string& name,
                                                 const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(r);
}

prometheus::Family<prometheus::Histogram>& histogram(prometheus::Registry& r,
                                                     const std::string& name,
                                                     const std::string& help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(r);
}

}  // namespace

metric_families::metric_families()
    : requests(counter(registry, "keygate_requests_total",
                       "Model requests answered, by where they went and how they ended.")),
      tokens(counter(registry, "keygate_tokens_total",
                     "Tokens the upstreams reported, by type (prompt, completion, cached, "
                     "cache_write, reasoning).")),
      units(counter(registry, "keygate_units_total",
                    "Units billed by the endpoints priced per unit, by unit (image, audio_second, "
                    "character, search_unit).")),
      cost("keygate_cost_usd_total",
           "Cost of answered requests in US dollars, as written to the ledger."),
      unknown_price(counter(registry, "keygate_unknown_price_requests_total",
                            "Answered requests whose deployment has no known price.")),
      retries(counter(registry, "keygate_retries_total",
                      "Attempts after the first within a model group, by the deployment retried.")),
      fallbacks(counter(registry, "keygate_fallbacks_total",
                        "Requests that moved on to a fallback model group.")),
      rate_limited(counter(registry, "keygate_rate_limited_requests_total",
                           "Requests refused by a key's or team's rate or concurrency limit.")),
      budget_rejected(counter(registry, "keygate_budget_rejected_requests_total",
                              "Requests refused because a key's or team's budget is spent.")),
      in_flight(prometheus::BuildGauge()
                    .Name("keygate_requests_in_flight")
                    .Help("Model requests being handled right now.")
                    .Register(registry)),
      request_duration(histogram(registry, "keygate_request_duration_seconds",
                                 "Time from a model request's arrival to the end of its answer.")),
      time_to_first_token(histogram(
          registry, "keygate_time_to_first_token_seconds",
          "Time from a streamed request's arrival to its first event sent to the client.")),
      upstream_duration(
          histogram(registry, "keygate_upstream_duration_seconds",
                    "Time one attempt spent waiting on its upstream (connect, send, read).")),
      overhead(histogram(registry, "keygate_gateway_overhead_seconds",
                         "Time a model request spent in keygate itself: its whole time less the "
                         "waits on upstreams, on the client's socket and on retry backoff.")),
      cache_lookups(counter(registry, "keygate_cache_lookups_total",
                            "Requests that looked in the response cache, by result (hit, miss).")),
      cache_hit_bytes(counter(registry, "keygate_cache_hit_bytes_total",
                              "Bytes of answers served from the response cache.")),
      cache_saved("keygate_cache_saved_usd_total",
                  "What the answers served from the response cache cost when they were made, in "
                  "US dollars: spent once, saved at every hit."),
      prompt_cache_saved("keygate_prompt_cache_saved_usd_total",
                         "What providers' prompt caches saved, in US dollars: cache reads at the "
                         "difference from the input price."),
      prompt_cache_write_premium(
          "keygate_prompt_cache_write_premium_usd_total",
          "What prompt cache writes cost above plain input, in US dollars; the net saving is "
          "keygate_prompt_cache_saved_usd_total less this.") {}

metric_families& families() {
  static metric_families all;
  return all;
}

const prometheus::Histogram::BucketBoundaries& latency_buckets() {
  static const prometheus::Histogram::BucketBoundaries b{
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
  return b;
}

const prometheus::Histogram::BucketBoundaries& first_token_buckets() {
  static const prometheus::Histogram::BucketBoundaries b{0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                         1,    2.5,   5,    10,  30,   60};
  return b;
}

// From 10 µs: keygate's own share of a request is usually well under a millisecond.
const prometheus::Histogram::BucketBoundaries& overhead_buckets() {
  static const prometheus::Histogram::BucketBoundaries b{
      0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
      0.005,   0.01,     0.025,   0.05,   0.1,     0.25,   0.5,   1};
  return b;
}

}  // namespace keygate::metrics
