#include "gateway/pipeline/rate_limit_headers.hpp"

#include <cstdio>

namespace keygate {

std::string reset_duration(std::int64_t ms) {
  if (ms < 1000) return std::to_string(std::max<std::int64_t>(ms, 0)) + "ms";
  const std::int64_t minutes = ms / 60'000;
  const std::int64_t rest = ms % 60'000;
  char seconds[32];
  if (rest % 1000 == 0)
    std::snprintf(seconds, sizeof seconds, "%llds", static_cast<long long>(rest / 1000));
  else
    std::snprintf(seconds, sizeof seconds, "%.3gs", static_cast<double>(rest) / 1000.0);
  return minutes > 0 ? std::to_string(minutes) + "m" + seconds : std::string(seconds);
}

void set_rate_limit_headers(header_block& headers, const admission_result& result) {
  auto set = [&](const char* unit, const std::optional<bucket_report>& report) {
    if (!report) return;
    const std::string suffix = unit;
    headers.set("x-ratelimit-limit-" + suffix, std::to_string(report->limit));
    headers.set("x-ratelimit-remaining-" + suffix, std::to_string(report->remaining));
    headers.set("x-ratelimit-reset-" + suffix, reset_duration(report->reset_ms));
  };
  set("requests", result.requests);
  set("tokens", result.tokens);
}

openai_error refusal_error(const admission_result& result) {
  const std::string wait = result.retry_after_ms > 0
                               ? " Try again in " + reset_duration(result.retry_after_ms) + "."
                               : std::string();
  switch (result.refused) {
    case refusal::requests:
      return {429, "Rate limit reached for requests per minute (" + result.refused_id + ")." + wait,
              "requests", std::nullopt, std::string("rate_limit_exceeded")};
    case refusal::tokens:
      return {429, "Rate limit reached for tokens per minute (" + result.refused_id + ")." + wait,
              "tokens", std::nullopt, std::string("rate_limit_exceeded")};
    case refusal::parallel:
      return {429, "Too many requests in flight at once (" + result.refused_id + ")." + wait,
              "requests", std::nullopt, std::string("rate_limit_exceeded")};
    case refusal::budget:
      return {429,
              "Budget exceeded (" + result.refused_id +
                  "): its spend, with what the requests in flight may still cost, has reached "
                  "its limit.",
              "insufficient_quota", std::nullopt, std::string("budget_exceeded")};
    case refusal::unavailable:
      return {503, "Rate limits cannot be checked right now; try again shortly.", "server_error",
              std::nullopt, std::string("limits_unavailable")};
    case refusal::none:
      break;
  }
  return {500, "Admission failed.", "server_error", std::nullopt, std::nullopt};
}

}  // namespace keygate
