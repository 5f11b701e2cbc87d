// The client's headers an Anthropic upstream should see as they are: anthropic-version and
// anthropic-beta (features such as context management depend on them).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "gateway/http/exchange.hpp"

namespace keygate::doors::anthropic {

std::vector<std::pair<std::string, std::string>> forwarded_headers(const http_request& request);

}  // namespace keygate::doors::anthropic
