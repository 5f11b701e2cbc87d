// Metrics read from keygate's state when Prometheus scrapes, so that the request path never pays
// for them: deployment health and cooldowns, config reloads, remaining budgets, the ledger's queue.
#pragma once

#include <prometheus/metric_family.h>

#include <vector>

namespace keygate {

class routing_store;
struct shared_services;

namespace metrics {

std::vector<prometheus::MetricFamily> state_families(const routing_store& store,
                                                     const shared_services& shared);

}  // namespace metrics
}  // namespace keygate
