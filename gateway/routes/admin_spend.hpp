// GET /admin/spend: the ledger's spend grouped by one or two dimensions, filtered, as JSON or CSV.
#pragma once

#include "gateway/access/authenticate.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

task<void> handle_admin_spend(exchange& ex, worker_services& services, const caller& who);

}  // namespace keygate
