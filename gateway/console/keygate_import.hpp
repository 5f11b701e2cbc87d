// One conversation as the console exports it as JSON (GET .../export?format=json): its fields and
// every message with its id and parent_id, read back under new ids. Figures (usage, cost) are the
// ledger's and are not imported.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "gateway/console/import_plan.hpp"

namespace keygate::console {

// `where` names the conversation in errors ("conversation 1"). Throws api_failure.
planned_conversation plan_keygate_conversation(const boost::json::object& conversation,
                                               const std::string& where, std::int64_t now_ms);

}  // namespace keygate::console
