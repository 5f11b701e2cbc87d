#include "gateway/engine/strict_params.hpp"

namespace keygate {

std::optional<openai_error> strict_refusal(const deployment& target,
                                           const std::vector<std::string>& dropped) {
  if (!target.strict || dropped.empty()) return std::nullopt;
  std::string names;
  for (const auto& name : dropped) names += (names.empty() ? "" : ", ") + name;
  const bool one = dropped.size() == 1;
  return invalid_request("The " + target.provider + " provider does not support " +
                             (one ? "the parameter " : "the parameters ") + names +
                             ", and this deployment is strict: remove " + (one ? "it" : "them") +
                             " or use a deployment that is not strict.",
                         dropped.front(), std::string("unsupported_parameter"));
}

}  // namespace keygate
