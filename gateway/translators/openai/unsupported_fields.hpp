// OpenAI request fields that a provider's translator refuses with a 400 unsupported_parameter
// instead of dropping them: a client that asked for audio or log probabilities must not get an
// answer without them and believe it has them. Shared so every provider words a refusal alike.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "gateway/base/openai_error.hpp"

namespace keygate::openai {

// Audio output (`audio`, or "audio" in `modalities`) and the legacy `functions` and
// `function_call`: no provider keygate translates to serves them.
std::optional<openai_error> reject_audio_and_legacy_functions(const boost::json::object& request);

// `logprobs: true`, or `top_logprobs` above 0: for providers that return no log probabilities.
std::optional<openai_error> reject_log_probabilities(const boost::json::object& request);

// `n` above 1: for providers that return one choice per request.
std::optional<openai_error> reject_several_choices(const boost::json::object& request);

}  // namespace keygate::openai
