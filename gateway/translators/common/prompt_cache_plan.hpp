// Where prompt-cache breakpoints go on a Claude request (`auto_cache: true`): one decision over the
// prompt's pieces, encoded by each provider in its own way (Anthropic's cache_control on a block,
// Bedrock's cachePoint block after it).
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace keygate::prompt_cache {

// Anthropic and Bedrock both take at most four breakpoints in one request.
inline constexpr int max_breakpoints = 4;

// The shortest prefix Claude caches for `model` (an Anthropic or Bedrock model id), in tokens:
// 4096 for Opus 4.5 and Haiku 4.5, 2048 for older Haiku models, 1024 for the others.
std::int64_t min_cacheable_tokens(std::string_view model);

// keygate's usual estimate of a JSON value's tokens: about four bytes a token.
std::int64_t estimated_tokens(const boost::json::value& v);

// Whether the client placed a breakpoint itself: an object with member `marker` anywhere in `v`
// (Anthropic's cache_control, Bedrock's cachePoint). keygate then leaves the request as it is.
bool marked_anywhere(const boost::json::value& v, std::string_view marker);

enum class part { tools, system, message };

// One piece of the prompt, in the order the provider caches it: the tools, the system prompt, then
// each message.
struct piece {
  part where = part::message;
  bool user = false;        // a message from the user
  std::int64_t tokens = 0;  // estimated
  bool markable = true;     // its end can take a breakpoint (not a thinking block, not empty)
};

// The indexes of the pieces whose end takes a breakpoint, in order: the tools, the system prompt,
// the user turn before the last message (what the previous request wrote, read now) and the last
// message (written now, read by the next turn); each only where the prompt up to its end is at
// least `minimum_tokens` long, a piece that cannot be marked skipped, and no more than
// max_breakpoints.
std::vector<std::size_t> choose_breakpoints(const std::vector<piece>& pieces,
                                            std::int64_t minimum_tokens);

}  // namespace keygate::prompt_cache
