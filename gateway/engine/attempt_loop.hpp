// The attempt loop of a model request: picks a deployment of the model's group, retries with
// backoff, falls back to other groups, benches failing deployments, and hands the answer of the
// first attempt that has one to the answer sink. It never writes to the client itself: when no
// attempt answers, the report says why and the caller refuses the request.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string_view>

#include "gateway/canonical/canonical_request.hpp"
#include "gateway/engine/provider.hpp"
#include "gateway/engine/routing_table.hpp"
#include "gateway/limits/limiter.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

struct attempt_report {
  const deployment* served_by = nullptr;  // the last deployment tried
  int attempts = 0;
  // Set when no attempt answered: the error the client gets, and when it may try again.
  std::optional<attempt_failure> refusal;
};

struct attempt_loop_context {
  const canonical_request& request;
  const routing_table& table;
  upstream_client& upstream;
  std::mt19937_64& rng;
  answer_sink& answer;
  wait_recorder& waits;
  net::any_io_executor executor;
  std::string_view request_id;
  std::optional<std::chrono::steady_clock::time_point> deadline;  // the client's own bound
  const embeddings_request* embeddings = nullptr;  // set: each attempt is an embeddings call
  limiter* limits = nullptr;                       // for deployments' own rpm, tpm, concurrency
  std::int64_t estimated_tokens = 0;               // what a deployment's tpm is charged first
  image_inliner* images = nullptr;                 // this request's image downloads
  const client_body* client = nullptr;             // the client's own request, for native attempts
};

// `ctx` must outlive the returned task: the caller awaits it at once.
task<void> run_attempt_loop(const attempt_loop_context& ctx, const routed_group& group,
                            attempt_report& report);

}  // namespace keygate
