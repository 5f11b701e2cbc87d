// GET /admin/requests and /admin/requests/{id}: the ledger's rows, newest first, a page at a time.
#pragma once

#include "gateway/access/authenticate.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

// `rest` follows /requests: empty for the list, "/{id}" for one request.
task<void> handle_admin_requests(exchange& ex, worker_services& services, const caller& who,
                                 std::string_view rest);

}  // namespace keygate
