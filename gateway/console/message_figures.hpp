// A message's figures (usage, cost, time to first token, total time, deployment) are the ledger's:
// copied from the row of the message's request, and only from a row the same owner made.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace keygate::console {

// Copies the figures of `request_id`'s ledger row made by `ledger_key` into the message; false
// when there is no ledger or no such row (yet: a stopped stream's row may land a moment later).
bool fill_message_figures(sqlite3* db, sqlite3* ledger, std::string_view message_id,
                          std::string_view request_id, std::string_view ledger_key);
// Forgets the figures (the message names another request now).
void clear_message_figures(sqlite3* db, std::string_view message_id);
// Fills the figures still missing for the conversation's messages that name a request; returns
// how many it filled. At most `limit` lookups.
int fill_missing_figures(sqlite3* db, sqlite3* ledger, const std::string& owner,
                         std::string_view ledger_key, const std::string& conversation_id,
                         int limit = 100);

}  // namespace keygate::console
