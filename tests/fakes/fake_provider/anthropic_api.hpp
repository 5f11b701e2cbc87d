// Anthropic's Messages API (POST /v1/messages), with deterministic answers and the fault knobs, and
// its token count.
#pragma once

#include <boost/json/value.hpp>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> anthropic_messages(keygate::exchange& ex);
// The answer to a Messages body whose key and version were checked (Vertex AI's rawPredict too):
// its shape checked, then a whole message or a stream as the body asks.
keygate::task<void> anthropic_reply(keygate::exchange& ex, const boost::json::value& body,
                                    const fault_knobs& knobs, std::uint64_t n);
// POST /v1/messages/count_tokens: {"input_tokens": N}, N counted as a message's input_tokens.
keygate::task<void> anthropic_count_tokens(keygate::exchange& ex);

}  // namespace fake
