// The attempt loop of a chat (or embeddings) request: picks a deployment of the model's group,
// retries with backoff, falls back to other groups, benches failing deployments, and answers the
// client once.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <random>

#include "gateway/canonical/chat_request.hpp"
#include "gateway/engine/provider.hpp"
#include "gateway/engine/routing_table.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/limits/limiter.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

struct route_report {
  chat_outcome outcome;
  const deployment* served_by = nullptr;  // the last deployment tried
  int attempts = 0;
  // The configuration served_by belongs to, kept as long as the report (a reload may replace it).
  std::shared_ptr<const routing_table> table;
};

struct route_context {
  exchange& ex;
  const chat_request& request;
  const routing_table& table;
  upstream_client& upstream;
  std::mt19937_64& rng;
  std::optional<std::chrono::steady_clock::time_point> deadline;  // the client's own bound
  const embeddings_request* embeddings = nullptr;  // set: each attempt is an embeddings call
  answer_observer* observer = nullptr;             // cost and ledger hooks, when accounting
  limiter* limits = nullptr;                       // for deployments' own rpm, tpm, concurrency
  std::int64_t estimated_tokens = 0;               // what a deployment's tpm is charged first
  image_inliner* images = nullptr;                 // this request's image downloads
};

task<void> route_chat(route_context ctx, const routed_group& group, route_report& report);

}  // namespace keygate
