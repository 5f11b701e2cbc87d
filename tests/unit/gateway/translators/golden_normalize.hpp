// What the golden harness compares: translator output with the parts that change from run to run
// (times, made-up ids) replaced by fixed markers, and a translated stream as its list of chunks.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "gateway/base/outgoing_bytes.hpp"
#include "golden_replay.hpp"

namespace keygate::golden {

// "created" is the time of translation and synthesized ids may be random; fixtures hold 0,
// "call_<synthesized>" and "chatcmpl-<random>" (see provider_fixture).
boost::json::value normalized(boost::json::value v, const provider_fixture& p);
// The bytes queued for the client, as one string.
std::string flatten(const outgoing_bytes& out);
// The "data: ...\n\n" events of a translated stream, normalized; "[DONE]" stays a string.
boost::json::array chunks_of(const std::string& sse, const provider_fixture& p);

}  // namespace keygate::golden
