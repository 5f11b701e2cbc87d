// The outcome of one attempt at one deployment, as the router needs it to decide what comes next.
#pragma once

#include <chrono>
#include <optional>

#include "gateway/base/openai_error.hpp"

namespace keygate {

enum class failure_kind {
  retryable,         // 408, 429, 5xx, transport: try again, here or elsewhere
  deployment_fault,  // 401, 403, 404 model: this deployment is broken; bench it, try others
  context_window,    // the prompt does not fit: a bigger model may take it
  content_policy,    // the provider refused the content: another provider may not
  client_error,      // the request itself is wrong: nothing else will do better
};

struct attempt_failure {
  openai_error error;
  failure_kind kind = failure_kind::retryable;
  std::optional<std::chrono::milliseconds> retry_after;
};

struct attempt_result {
  // The client got an answer from this attempt: a whole response, or a stream that started
  // (and perhaps failed later). Nothing is retried once this is true.
  bool answered = false;
  // For the deployment's health: false when the upstream failed, even after the stream started.
  bool upstream_ok = true;
  std::optional<attempt_failure> failure;  // why an unanswered attempt failed
  std::chrono::microseconds time_to_first_byte{0};
};

// The kind of failure an upstream error is, from its status and OpenAI-shaped error.
failure_kind classify_upstream_error(int upstream_status, const openai_error& error);

}  // namespace keygate
