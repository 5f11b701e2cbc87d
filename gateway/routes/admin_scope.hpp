// What an admin API call may read: the master key reads everything; a virtual key only its own
// rows, whatever ids or filters it sends (docs/admin-api.md, "Who sees what").
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "gateway/access/authenticate.hpp"
#include "gateway/base/openai_error.hpp"

namespace keygate {

class ledger_store;

// The filters an admin call names, as the client sent them.
struct admin_filters {
  std::optional<std::string> key, team, model, provider, deployment, end_user;
};

// Forces a virtual key's filters to itself: its key id, and a team or end user only when they
// are its own. The 403 when it names another key, team or end user (never an empty answer, which
// would confirm what exists).
std::optional<openai_error> scope_to_caller(const caller& who, const ledger_store* book,
                                            admin_filters& filters);

// The 403 of the endpoints only the master key may use.
openai_error master_key_required();

// The answer to a ledger read that threw: 501 `ledger_unsupported` naming what this ledger cannot
// answer yet (the PostgreSQL one: the requests page, spend by provider, ...), 503
// `ledger_unavailable` otherwise (a shared ledger whose server is away). Logs the reason.
openai_error ledger_read_error(const std::exception& error);

}  // namespace keygate
