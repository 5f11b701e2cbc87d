#include "gateway/engine/backoff.hpp"

#include <algorithm>
#include <charconv>

namespace keygate {

millis retry_delay(int retry, const router_options& options,
                   std::optional<millis> same_deployment_retry_after, std::mt19937_64& rng) {
  const int doublings = std::clamp(retry - 1, 0, 30);
  const long long base = options.backoff_base.count(), max = options.backoff_max.count();
  // base << doublings would overflow for a big base: compare against max >> doublings instead.
  const long long ceiling = base > (max >> doublings) ? max : base << doublings;
  const auto jitter = ceiling > 0 ? std::uniform_int_distribution<long long>(0, ceiling)(rng) : 0;
  millis delay{jitter};
  if (same_deployment_retry_after) delay = std::max(delay, *same_deployment_retry_after);
  return delay;
}

std::optional<millis> parse_request_timeout(std::string_view value, millis max) {
  long long number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || number < 1) return std::nullopt;
  std::string_view unit(end, value.data() + value.size() - end);
  long long ms;
  if (unit.empty() || unit == "ms")
    ms = number;
  else if (unit == "s")
    ms = number > max.count() / 1000 + 1 ? max.count() + 1 : number * 1000;
  else
    return std::nullopt;
  if (ms > max.count()) return std::nullopt;
  return millis(ms);
}

}  // namespace keygate
