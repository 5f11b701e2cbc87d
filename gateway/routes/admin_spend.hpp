// GET /admin/spend: the ledger's spend grouped by key, model or day, with optional filters.
#pragma once

#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

task<void> handle_admin_spend(exchange& ex, worker_services& services);

}  // namespace keygate
