// A deployment's own rpm, tpm and concurrency: what every key's requests share of one upstream
// account. A deployment at its limit is passed over for the group's others, like one cooling
// down, without counting against its health.
#pragma once

#include <string>

#include "gateway/base/openai_error.hpp"
#include "gateway/config/config.hpp"
#include "gateway/limits/limiter.hpp"

namespace keygate {

admission_request deployment_admission(const deployment& target, std::int64_t tokens,
                                       std::string request_id);
// The 429 the client gets when every deployment it could use is at its limit.
openai_error capacity_error(const deployment& target, const admission_result& result);

}  // namespace keygate
