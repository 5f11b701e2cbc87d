// A request's tries as the ledger keeps them: compact JSON, [{"deployment", "model", "status",
// "error" | null, "ms" | null}, ...] (docs/admin-api.md, "Requests").
#pragma once

#include <string>

#include "gateway/engine/answer_sink.hpp"

namespace keygate {

// The outcome's tries; the one still open (the one answering) takes the outcome's own status and
// error. Empty when nothing was tried.
std::string attempt_log_json(const answer_outcome& outcome);

}  // namespace keygate
