// /admin/teams: the teams keygate knows, listed, read, made, changed and deleted
// (docs/admin-api.md, "Keys and teams"). Teams from the config file refuse changes with 409; teams
// made here live in the key store beside the API keys. Master key only.
#pragma once

#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

// `rest` follows /teams: empty for the list, "/{id}" for one team.
task<void> handle_admin_teams(exchange& ex, worker_services& services, std::string_view rest);

}  // namespace keygate
