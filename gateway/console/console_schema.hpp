// The console database's tables and their migrations: the one place its schema grows.
#pragma once

#include <chrono>

struct sqlite3;

namespace keygate::console {

// Migrations applied by a file brought up to date.
int console_schema_version();

// WAL, synchronous=NORMAL, foreign keys, then the missing migrations in one BEGIN IMMEDIATE
// transaction. Throws std::runtime_error for a file from a newer build or without FTS5.
void prepare_console_db(sqlite3* db, std::chrono::milliseconds busy_timeout);

}  // namespace keygate::console
