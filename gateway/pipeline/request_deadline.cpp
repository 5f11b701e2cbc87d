#include "gateway/pipeline/request_deadline.hpp"

#include "gateway/engine/backoff.hpp"

namespace keygate {

std::optional<openai_error> read_deadline(
    const exchange& ex, const config& cfg,
    std::optional<std::chrono::steady_clock::time_point>& out) {
  auto it = ex.request().find("x-keygate-timeout");
  if (it == ex.request().end()) return std::nullopt;
  auto timeout = parse_request_timeout(it->value(), cfg.router.max_request_timeout);
  if (!timeout)
    return invalid_request(
        "x-keygate-timeout must be milliseconds (\"1500\", \"1500ms\") or "
        "seconds (\"30s\"), at most " +
            std::to_string(cfg.router.max_request_timeout.count()) + " ms.",
        std::string("x-keygate-timeout"), std::string("invalid_timeout"));
  out = ex.started_at() + *timeout;
  return std::nullopt;
}

}  // namespace keygate
