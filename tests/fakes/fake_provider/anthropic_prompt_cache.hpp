// The fake's Claude prompt cache, priced as Anthropic prices it, for Anthropic Messages and Bedrock
// Converse bodies alike: a request's breakpoints (cache_control on a block, or a cachePoint block
// after it) write the prompt up to them (when at least the model's minimum length), and a later
// request whose prompt starts with a written prefix reads it. Tokens are the fake's words.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

namespace fake {

struct prompt_cache_usage {
  std::int64_t read = 0;   // cache_read_input_tokens
  std::int64_t write = 0;  // cache_creation_input_tokens
};

// Looks up and records the request's prefixes; `prompt_tokens` is its whole input, `model` the
// model id (it sets the minimum length).
prompt_cache_usage use_prompt_cache(const boost::json::object& request, std::int64_t prompt_tokens,
                                    std::string_view model);

}  // namespace fake
