// GET /admin/live: finished requests as server-sent events, the admin's live tail
// (docs/admin-api.md, "Live").
#pragma once

#include "gateway/access/authenticate.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

task<void> handle_admin_live(exchange& ex, worker_services& services, const caller& who);

}  // namespace keygate
