// `keygate ledger import --config FILE SQLITE_LEDGER`: moves a SQLite ledger's history into the
// PostgreSQL ledger the config names. Safe to run twice.
#pragma once

namespace keygate {

// argv after "ledger"; returns the process's exit code (0 done, 1 failed, 2 usage).
int run_ledger_command(int argc, char** argv);

}  // namespace keygate
