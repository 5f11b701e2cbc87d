// The process's Prometheus registry and every metric family keygate updates as requests go by.
// Internal to gateway/metrics: the rest of keygate uses request_metrics.hpp, which keeps
// prometheus-cpp out of its includes.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "gateway/metrics/nano_usd_counter.hpp"

namespace keygate::metrics {

struct metric_families {
  metric_families();

  prometheus::Registry registry;
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Counter>& tokens;
  prometheus::Family<prometheus::Counter>& units;
  nano_usd_counter cost;  // outside the registry: collected on its own
  prometheus::Family<prometheus::Counter>& unknown_price;
  prometheus::Family<prometheus::Counter>& retries;
  prometheus::Family<prometheus::Counter>& fallbacks;
  prometheus::Family<prometheus::Counter>& rate_limited;
  prometheus::Family<prometheus::Counter>& budget_rejected;
  prometheus::Family<prometheus::Gauge>& in_flight;
  prometheus::Family<prometheus::Histogram>& request_duration;
  prometheus::Family<prometheus::Histogram>& time_to_first_token;
  prometheus::Family<prometheus::Histogram>& upstream_duration;
  prometheus::Family<prometheus::Histogram>& overhead;
  prometheus::Family<prometheus::Counter>& cache_lookups;
  prometheus::Family<prometheus::Counter>& cache_hit_bytes;
  nano_usd_counter cache_saved;  // outside the registry: collected on its own
  nano_usd_counter prompt_cache_saved;
  nano_usd_counter prompt_cache_write_premium;
};

// Built on first use; lives until the process exits.
metric_families& families();

// Bucket upper bounds, in seconds.
const prometheus::Histogram::BucketBoundaries& latency_buckets();
const prometheus::Histogram::BucketBoundaries& first_token_buckets();
const prometheus::Histogram::BucketBoundaries& overhead_buckets();

}  // namespace keygate::metrics
