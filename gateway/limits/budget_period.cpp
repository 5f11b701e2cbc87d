#include "gateway/limits/budget_period.hpp"

#include <chrono>
#include <cstdio>

namespace keygate {

namespace {

using namespace std::chrono;

std::int64_t ms_of(sys_days day) {
  return duration_cast<milliseconds>(day.time_since_epoch()).count();
}

std::string two(unsigned v) {
  char text[8];
  std::snprintf(text, sizeof text, "%02u", v);
  return text;
}

}  // namespace

period_window period_at(budget_period period, std::int64_t unix_ms) {
  const sys_days today = floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)));
  const year_month_day ymd(today);
  const std::string y = std::to_string(static_cast<int>(ymd.year()));
  switch (period) {
    case budget_period::daily:
      return {y + "-" + two(static_cast<unsigned>(ymd.month())) + "-" +
                  two(static_cast<unsigned>(ymd.day())),
              ms_of(today), ms_of(today + days(1))};
    case budget_period::weekly: {
      const sys_days monday = today - (weekday(today) - Monday);
      // The ISO week's year is the year of its Thursday.
      const year_month_day thursday(monday + days(3));
      const sys_days jan1 = sys_days(thursday.year() / January / 1);
      const auto week = (monday + days(3) - jan1).count() / 7 + 1;
      return {std::to_string(static_cast<int>(thursday.year())) + "-W" +
                  two(static_cast<unsigned>(week)),
              ms_of(monday), ms_of(monday + days(7))};
    }
    case budget_period::monthly: {
      const sys_days first = sys_days(ymd.year() / ymd.month() / 1);
      const sys_days next = sys_days((ymd.year() / ymd.month() + months(1)) / 1);
      return {y + "-" + two(static_cast<unsigned>(ymd.month())), ms_of(first), ms_of(next)};
    }
    case budget_period::total:
      break;
  }
  return {"total", 0, std::int64_t{253402300800000}};  // year 10000
}

}  // namespace keygate
