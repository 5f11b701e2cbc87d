// GET /admin/budgets: every key's and team's budget with its spend in the current period, limits
// and headroom (docs/admin-api.md, "Budgets and limits"). A virtual key sees its own and its
// team's.
#pragma once

#include "gateway/access/authenticate.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

task<void> handle_admin_budgets(exchange& ex, worker_services& services, const caller& who);

}  // namespace keygate
