// What the console shares across workers for the process's life: its database threads and the
// sessions. Made by the program when console.enabled is set; absent otherwise.
#pragma once

#include <functional>
#include <string>

#include "gateway/config/config.hpp"
#include "gateway/console/db_pool.hpp"
#include "gateway/console/session_store.hpp"

namespace keygate::console {

class console_services {
 public:
  // Opens the console database (and reads the ledger at `ledger_path`, "" for none). Throws
  // std::runtime_error naming the file when it cannot be used.
  // `flush_ledger` returns once the ledger's queued records are committed, so that the console's
  // own reads of the ledger see every answered request.
  console_services(const console_options& options, const std::string& ledger_path,
                   std::function<void()> flush_ledger, bool tls_listener);

  db_pool pool;
  session_store sessions;
  // With no keys configured there is no session: this per-process token stands in for the
  // session's CSRF token, so another site still cannot write to the console API.
  const std::string local_csrf_token;
  const bool secure_cookies;
};

}  // namespace keygate::console
