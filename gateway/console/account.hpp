// The signed-in key as the console shows it (GET /console/session's "key") and its account
// (GET /console/account): budgets with what is spent this period and when it resets, and limits.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "gateway/access/authenticate.hpp"

namespace keygate::console {

// {"id", "alias", "team", "master", "models", "expires_at"}.
boost::json::object key_json(const caller& who);

// Spend (nano-USD) of a budget since the start of its current period. `scope` is "k:<key id>" or
// "t:<team id>", `budget_id` the limiter's id of that budget in this period.
using spend_lookup = std::function<std::int64_t(
    const std::string& scope, const std::string& budget_id, std::int64_t period_start_ms)>;

boost::json::object account_json(const caller& who, std::int64_t now_ms, const spend_lookup& spent);

}  // namespace keygate::console
