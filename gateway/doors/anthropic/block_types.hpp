// The content block types of Anthropic's Messages API. A block of a known type the canonical
// request cannot hold (a server tool's call or result, a search result) is left out of translated
// attempts and named; a type Anthropic does not define is a client's mistake, refused with a 400.
#pragma once

#include <string_view>

namespace keygate::doors::anthropic {

bool known_block_type(std::string_view type);

}  // namespace keygate::doors::anthropic
