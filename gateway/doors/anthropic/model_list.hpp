// GET /v1/models in Anthropic's list shape: {data: [{type: "model", id, display_name, created_at}],
// has_more, first_id, last_id}, paged by limit (1 to 1000, 20 by default), after_id and before_id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keygate::doors::anthropic {

// `models`: the names the caller may use, in the configuration's order; `created_at`: an RFC 3339
// time; `query`: the request's query string, without '?'.
std::string model_list(const std::vector<std::string>& models, std::string_view created_at,
                       std::string_view query);

}  // namespace keygate::doors::anthropic
