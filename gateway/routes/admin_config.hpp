// GET /admin/config: the running configuration with its secrets masked. POST /admin/config/reload:
// reads the file again; a broken file is refused with its problems (docs/admin-api.md). Master
// key only.
#pragma once

#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

// `rest` follows /config: empty or "/reload".
task<void> handle_admin_config(exchange& ex, worker_services& services, std::string_view rest);

}  // namespace keygate
