// The PostgreSQL ledger's tables and indexes, grown by numbered migrations that keygate applies
// itself (table keygate_schema holds the number applied).
#pragma once

namespace keygate {

class pg_connection;

// The number of migrations this build knows.
int pg_ledger_schema_version();

// Applies the missing migrations up to `target` (all by default) in one transaction, under an
// advisory lock so instances starting together migrate once. Throws pg_error; throws
// std::runtime_error for a database whose schema is newer than this build.
void migrate_pg_ledger(pg_connection& db, int target = -1);

}  // namespace keygate
