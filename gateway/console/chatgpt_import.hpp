// One conversation of a ChatGPT data export (conversations.json): a tree of nodes in `mapping`,
// each with its parent and maybe a message (author.role, content.parts, create_time), and
// `current_node`, the leaf the conversation showed. User and assistant text is kept; system and
// tool nodes, hidden and empty messages are left out, their children hung on the nearest kept
// ancestor; parts that are not text (images, files) are left out.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "gateway/console/import_plan.hpp"

namespace keygate::console {

// `where` names the conversation in errors ("conversation 3"). Throws api_failure.
planned_conversation plan_chatgpt_conversation(const boost::json::object& conversation,
                                               const std::string& where, std::int64_t now_ms);

}  // namespace keygate::console
