// The ledger database's schema, in one place: every table and index, and the migrations that
// bring an older file up to date (PRAGMA user_version counts the migrations applied).
#pragma once

#include <chrono>

struct sqlite3;

namespace keygate {

// Schema version this build writes: the number of migrations in ledger_schema.cpp.
int ledger_schema_version();

// Sets up the writer's connection: WAL, synchronous=NORMAL, the busy timeout, and every
// migration the file has not had yet (all in one transaction). Throws sqlite_error, or
// std::runtime_error for a file written by a newer keygate.
void prepare_ledger_db(sqlite3* db, std::chrono::milliseconds busy_timeout);

// Sets up a connection that only reads (after the writer's connection created the schema).
void prepare_ledger_reader(sqlite3* db, std::chrono::milliseconds busy_timeout);

}  // namespace keygate
