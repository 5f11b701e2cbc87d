// One authenticated request to the console API, as its endpoints see it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/console/console_services.hpp"
#include "gateway/console/owner.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate::console {

struct console_request {
  exchange& ex;
  worker_services& services;
  console_services& console;
  caller who;
  console::owner me;

  // A query parameter of the target, percent-decoded; none when absent.
  std::optional<std::string> query(std::string_view name) const;
};

}  // namespace keygate::console
