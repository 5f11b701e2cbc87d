#include "gateway/config/startup_summary.hpp"

#include <boost/json/array.hpp>

namespace keygate {

std::string_view strategy_name(balance_strategy s) {
  switch (s) {
    case balance_strategy::weighted:
      return "weighted";
    case balance_strategy::least_inflight:
      return "least_inflight";
    case balance_strategy::lowest_latency:
      return "lowest_latency";
    case balance_strategy::priority:
      return "priority";
    case balance_strategy::cost:
      return "cost";
  }
  return "weighted";
}

boost::json::object describe_group(const model_group& group) {
  boost::json::array deployments;
  for (const auto& d : group.deployments) {
    boost::json::object item{{"id", d.id}, {"provider", d.provider}, {"upstream_model", d.model}};
    if (d.endpoint && !d.endpoint->verify_tls) item["tls_verify"] = false;
    deployments.push_back(std::move(item));
  }
  return {{"model", group.name},
          {"strategy", strategy_name(group.strategy)},
          {"deployments", std::move(deployments)}};
}

std::string describe_group_line(const model_group& group) {
  std::string line = group.name + ":";
  for (std::size_t i = 0; i < group.deployments.size(); ++i) {
    const auto& d = group.deployments[i];
    line += (i ? ", " : " ") + d.id + " (" + d.provider + (d.model.empty() ? "" : " " + d.model) +
            (d.endpoint && !d.endpoint->verify_tls ? ", certificate not verified" : "") + ")";
  }
  return line;
}

std::vector<std::string> unverified_deployments(const config& cfg) {
  std::vector<std::string> ids;
  for (const auto& group : cfg.models)
    for (const auto& d : group.deployments)
      if (d.endpoint && !d.endpoint->verify_tls) ids.push_back(d.id);
  return ids;
}

}  // namespace keygate
