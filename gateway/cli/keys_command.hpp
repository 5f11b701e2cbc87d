// `keygate keys create|list|revoke`: virtual keys through a running keygate's admin API.
#pragma once

namespace keygate::cli {

// argv[0] is the word after "keys". Returns the process exit code: 0 done, 1 refused or
// unreachable, 2 bad usage.
int run_keys_command(int argc, char** argv);

}  // namespace keygate::cli
