// The calendar periods budgets run over, in UTC: days, ISO weeks (from Monday) and months.
#pragma once

#include <cstdint>
#include <string>

#include "gateway/config/access_options.hpp"

namespace keygate {

struct period_window {
  std::string label;  // "2026-11-28", "2026-W48", "2026-11" or "total"
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;  // exclusive; far future for "total"
};

period_window period_at(budget_period period, std::int64_t unix_ms);

}  // namespace keygate
