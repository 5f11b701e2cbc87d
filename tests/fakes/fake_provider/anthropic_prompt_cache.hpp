// The fake's Anthropic prompt cache, priced as Anthropic prices it: a request's cache_control
// breakpoints write the prompt up to them (when at least the model's minimum length), and a later
// request whose prompt starts with a written prefix reads it. Tokens are the fake's words.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

namespace fake {

struct prompt_cache_usage {
  std::int64_t read = 0;   // cache_read_input_tokens
  std::int64_t write = 0;  // cache_creation_input_tokens
};

// Looks up and records the request's prefixes; `prompt_tokens` is its whole input.
prompt_cache_usage use_prompt_cache(const boost::json::object& request, std::int64_t prompt_tokens);

}  // namespace fake
