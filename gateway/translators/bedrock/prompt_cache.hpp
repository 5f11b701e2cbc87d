// Prompt caching on a Bedrock Claude deployment (`auto_cache: true`, docs/bedrock.md#automatic-
// prompt-caching): cachePoint blocks on the long stable prefix of a Converse body, where
// translators/common/prompt_cache_plan.hpp decides, as for Anthropic.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace keygate::bedrock {

// Whether Bedrock caches prompts for this model id: Anthropic's Claude models.
bool caches_prompts(std::string_view model);

// Appends {"cachePoint":{"type":"default"}} after the last tool of toolConfig.tools, the last
// system block, and the content of the user turn before the last message and of the last message,
// each where the prompt up to it is long enough to be cached (at most four). A body that already
// has a cachePoint is the client's to manage and is left alone. Returns how many were placed.
int place_cache_points(boost::json::object& body, std::string_view model);

}  // namespace keygate::bedrock
