// The client's body as it goes to an OpenAI-compatible upstream: the same bytes, with only the
// model name replaced and, for streams, stream_options.include_usage set so usage is always known.
#pragma once

#include <string>
#include <string_view>

#include "gateway/canonical/canonical_request.hpp"

namespace keygate::openai {

std::string passthrough_body(const canonical_request& request, std::string_view upstream_model);

}  // namespace keygate::openai
