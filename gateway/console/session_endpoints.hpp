// /console/session: whether the browser is signed in, signing in with a key, signing out.
#pragma once

#include "gateway/console/console_services.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate::console {

task<void> handle_session(exchange& ex, worker_services& services, console_services& console);

}  // namespace keygate::console
