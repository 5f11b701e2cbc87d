#include "gateway/console/console_services.hpp"

#include "gateway/console/random_token.hpp"

namespace keygate::console {

console_services::console_services(const console_options& options, const std::string& ledger_path,
                                   std::function<void()> flush_ledger, bool tls_listener)
    : pool(options.path, ledger_path, std::move(flush_ledger)),
      sessions(pool),
      local_csrf_token(random_token(32)),
      secure_cookies(tls_listener) {}

}  // namespace keygate::console
