// What a configuration serves, one model group at a time: the startup log and --check-config show
// it. Names only: never a key, never a URL (an api_base may carry credentials).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"

namespace keygate {

// "weighted", "least_inflight", "lowest_latency" or "priority", as the config file names it.
std::string_view strategy_name(balance_strategy s);
// {"model": ..., "strategy": ..., "deployments": [{"id", "provider", "upstream_model"}, ...]}
boost::json::object describe_group(const model_group& group);
// "gpt-4o: gpt-4o-eu (azure gpt-4o), gpt-4o-us (openai gpt-4o)"
std::string describe_group_line(const model_group& group);
// The ids of https deployments whose certificate is not verified (tls_verify: false), in config
// order: warned about at every start, reload and config check.
std::vector<std::string> unverified_deployments(const config& cfg);

}  // namespace keygate
