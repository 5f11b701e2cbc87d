// Ids for what the doors make up: Responses' resp_/msg_/fc_/rs_ ids and Anthropic's msg_ ids.
#pragma once

#include <string>
#include <string_view>

namespace keygate::doors {

// `prefix` followed by 24 random hexadecimal digits (96 bits).
std::string new_item_id(std::string_view prefix);

}  // namespace keygate::doors
