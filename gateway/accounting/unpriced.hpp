// Deployments keygate cannot price: a key or team with a budget is refused them, since their cost
// could never count against the budget (docs/access.md#budgets).
#pragma once

#include <string>
#include <vector>

#include "gateway/config/config.hpp"

namespace keygate {

// No `price:`, no entry in the price table, and no `allow_unpriced: true`.
bool closed_to_budgets(const deployment& d);

// The configuration's deployments closed to budgets, in config order.
std::vector<const deployment*> unpriced_deployments(const config& cfg);

// What to do about one: "gpt-x (provider openai, model gpt-x) has no known price: ...".
std::string unpriced_warning(const deployment& d);

}  // namespace keygate
