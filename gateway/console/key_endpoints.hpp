// The signed-in key's own endpoints: models, account, preferences, search and import.
#pragma once

#include "gateway/console/console_request.hpp"

namespace keygate::console {

task<void> handle_models(console_request& r);
task<void> handle_account(console_request& r);
task<void> handle_preferences(console_request& r);
task<void> handle_search(console_request& r);
task<void> handle_import(console_request& r);

}  // namespace keygate::console
