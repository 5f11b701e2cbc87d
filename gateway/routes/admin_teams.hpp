// /admin/teams: the teams keygate knows, listed and read (docs/admin-api.md, "Keys and teams").
// Teams come from the config file only: changes are refused with 409 (an existing team) or 501 (a
// new one) and made in the file instead. Master key only.
#pragma once

#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

// `rest` follows /teams: empty for the list, "/{id}" for one team.
task<void> handle_admin_teams(exchange& ex, worker_services& services, std::string_view rest);

}  // namespace keygate
