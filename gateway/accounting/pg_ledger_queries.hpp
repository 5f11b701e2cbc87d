// The ledger's read-side questions (ledger_queries.hpp) asked of PostgreSQL.
#pragma once

#include <cstdint>
#include <vector>

#include "gateway/accounting/ledger_queries.hpp"

namespace keygate {

class pg_connection;

// Both throw pg_error.
spend_totals read_pg_spend_since(pg_connection& db, std::int64_t since_ms);
std::vector<spend_row> read_pg_spend(pg_connection& db, const spend_query& query);

}  // namespace keygate
