// GET /admin/models: every model group with its deployments' state, recent failures, latency and
// price (docs/admin-api.md, "Models and health"). Master key only.
#pragma once

#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

task<void> handle_admin_models(exchange& ex, worker_services& services);

}  // namespace keygate
