#include "gateway/routes/admin_scope.hpp"

#include "gateway/accounting/ledger_store.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

openai_error not_yours(std::string_view what, std::string_view param) {
  return {403, "This key may only read its own " + std::string(what) + ".", "invalid_request_error",
          std::string(param), std::string("not_your_data")};
}

// Whether the key has ever served this end user: the daily spend table answers without a scan.
bool serves_end_user(const ledger_store& book, const std::string& key_id, const std::string& end_user) {
  spend_query query;
  query.key_id = key_id;
  query.end_user = end_user;
  return !book.query_spend(query).empty();
}

}  // namespace

openai_error master_key_required() {
  return {403, "This part of the admin API needs the master key.", "invalid_request_error",
          std::nullopt, std::string("master_key_required")};
}

std::optional<openai_error> scope_to_caller(const caller& who, const ledger_store* book,
                                            admin_filters& filters) {
  if (who.master) return std::nullopt;
  if (!who.key) return master_key_required();
  const virtual_key& self = *who.key;
  if (filters.key && *filters.key != self.id) return not_yours("key", "key");
  if (filters.team && (self.team.empty() || *filters.team != self.team))
    return not_yours("team", "team");
  if (filters.end_user && (!book || !serves_end_user(*book, self.id, *filters.end_user)))
    return not_yours("end users", "end_user");
  filters.key = self.id;
  return std::nullopt;
}

openai_error ledger_read_error(const std::exception& error) {
  if (const auto* missing = dynamic_cast<const ledger_unsupported*>(&error))
    return {501, missing->what(), "server_error", std::nullopt, std::string("ledger_unsupported")};
  // A shared ledger whose server is away; the message names the server, never a password.
  log_warn("admin ledger read failed", {{"reason", error.what()}});
  return {503, "The ledger cannot be read right now; try again shortly.", "server_error",
          std::nullopt, std::string("ledger_unavailable")};
}

}  // namespace keygate
