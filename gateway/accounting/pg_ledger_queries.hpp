// The ledger's read-side questions (ledger_queries.hpp) asked of PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/accounting/ledger_queries.hpp"

namespace keygate {

class pg_connection;

// Both throw pg_error; read_pg_spend throws ledger_unsupported (ledger_store.hpp) for a dimension
// or filter it cannot read yet (provider, deployment, a second dimension).
spend_totals read_pg_spend_since(pg_connection& db, std::int64_t since_ms);
std::vector<spend_row> read_pg_spend(pg_connection& db, const spend_query& query);

// What a spend query asks that PostgreSQL cannot read yet ("spend by provider", ...); none when it
// can answer it.
std::optional<std::string> pg_spend_missing_capability(const spend_query& query);

}  // namespace keygate
