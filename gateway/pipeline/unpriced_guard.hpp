// The budget hole closed: a caller with a budget may not reach a deployment whose cost keygate
// cannot know (docs/access.md#budgets).
#pragma once

#include <optional>

#include "gateway/access/authenticate.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/engine/routing_table.hpp"

namespace keygate {

// True when the caller's key or its team has a budget.
bool has_budget(const caller& who);

// The 400 `model_unpriced` for a budgeted caller when any deployment this request may reach (its
// group's or its fallbacks') has no known price and does not allow it; none otherwise.
std::optional<openai_error> refuse_unpriced(const caller& who, const routed_group& group);

}  // namespace keygate
