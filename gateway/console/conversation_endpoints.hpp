// /console/conversations and below: the list, one conversation, its messages, its export.
#pragma once

#include <span>
#include <string_view>

#include "gateway/console/console_request.hpp"

namespace keygate::console {

// `parts` is the path after /console/conversations, split at '/': {}, {id}, {id, "export"},
// {id, "messages"} or {id, "messages", message}.
task<void> handle_conversations(console_request& r, std::span<const std::string_view> parts);

}  // namespace keygate::console
