#include "gateway/limits/deployment_capacity.hpp"

namespace keygate {

admission_request deployment_admission(const deployment& target, std::int64_t tokens,
                                       std::string request_id) {
  admission_request out;
  out.request_id = std::move(request_id);
  const std::string scope = "d:" + target.id;
  const auto& l = target.limits;
  if (l.rpm > 0) out.rates.push_back({scope + ":rpm", l.rpm, 1, rate_unit::requests, false});
  if (l.tpm > 0) out.rates.push_back({scope + ":tpm", l.tpm, tokens, rate_unit::tokens, false});
  if (l.max_parallel > 0) out.parallel.push_back({scope + ":par", l.max_parallel});
  return out;
}

openai_error capacity_error(const deployment& target, const admission_result& result) {
  std::string what = result.refused == refusal::tokens     ? "tokens per minute"
                     : result.refused == refusal::parallel ? "requests in flight"
                                                           : "requests per minute";
  return {429, "Deployment '" + target.id + "' is at its limit of " + what + ".",
          result.refused == refusal::tokens ? "tokens" : "requests", std::nullopt,
          std::string("rate_limit_exceeded")};
}

}  // namespace keygate
