// A model request's life, whatever its kind, as a short list of named stages (docs/architecture.md
// "Stages"): read the body, resolve the model, read the deadline, admit, run the attempts, then
// settle and record. Each stage that refuses the request answers through the answer writer and
// ends the list; settling and recording happen once, however the request ended.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include "gateway/access/authenticate.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/pipeline/answer_writer.hpp"
#include "gateway/pipeline/front_door.hpp"
#include "gateway/pipeline/request_accounting.hpp"
#include "gateway/pipeline/request_cache.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

class model_request {
 public:
  model_request(exchange& ex, worker_services& services, const caller& who, front_door& door);
  model_request(const model_request&) = delete;
  model_request& operator=(const model_request&) = delete;

  // Runs every stage; answers the client whatever happens.
  task<void> serve();

 private:
  // The stages, in order.
  std::optional<openai_error> read_body();
  std::optional<openai_error> resolve_model();
  std::optional<openai_error> read_deadline();
  task<std::optional<refused_request>> admit();
  // The response cache (docs/caching.md): an answer to replay, or null and the answer is kept.
  task<std::shared_ptr<const cached_answer>> look_in_cache();
  task<void> run_attempts_and_keep();
  task<void> run_attempts();
  task<void> settle();
  void record();

  task<void> attempt_or_fail();

  exchange& ex_;
  worker_services& services_;
  const caller& who_;
  front_door& door_;
  embeddings_request embeddings_;  // for embeddings; chat uses its common part alone
  canonical_request& request_ = embeddings_.common;
  request_accounting accounting_;
  answer_writer writer_;
  request_cache cache_;
  request_report report_;
  const routed_group* group_ = nullptr;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

// Serves one request through `door` (the route handlers' one call).
task<void> serve_model_request(exchange& ex, worker_services& services, const caller& who,
                               front_door& door);

}  // namespace keygate
