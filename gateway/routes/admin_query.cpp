#include "gateway/routes/admin_query.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace keygate {

namespace {

constexpr std::int64_t one_day_ms = 86'400'000;

bool listed(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<std::string>* filter_slot(admin_filters& f, std::string_view name) {
  if (name == "key") return &f.key;
  if (name == "team") return &f.team;
  if (name == "model") return &f.model;
  if (name == "provider") return &f.provider;
  if (name == "deployment") return &f.deployment;
  if (name == "end_user") return &f.end_user;
  return nullptr;
}

}  // namespace

std::optional<std::int64_t> parse_admin_time(std::string_view text) {
  std::int64_t ms = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec == std::errc() && end == text.data() + text.size() && text.size() > 10) return ms;
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day day{year(y), month(static_cast<unsigned>(m)),
                           std::chrono::day(static_cast<unsigned>(d))};
  if (!day.ok()) return std::nullopt;
  return duration_cast<milliseconds>(sys_days(day).time_since_epoch()).count();
}

std::optional<openai_error> read_admin_params(std::string_view target,
                                              std::initializer_list<std::string_view> filters,
                                              std::initializer_list<std::string_view> others,
                                              admin_params& out) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return invalid_request("The query string cannot be read.");
  for (const auto& param : url->params()) {
    const std::string& name = param.key;
    const std::string& value = param.value;
    if (name == "from" || name == "to") {
      auto ms = parse_admin_time(value);
      if (!ms) return invalid_request(name + " must be YYYY-MM-DD or unix ms.", name);
      if (name == "from")
        out.from_ms = *ms;
      else
        out.to_ms = *ms + (value.size() == 10 ? one_day_ms : 1);
    } else if (auto* slot = filter_slot(out.filters, name); slot && listed(filters, name)) {
      // An empty filter is no filter: what a form sends for a field left blank.
      if (!value.empty()) *slot = value;
    } else if (listed(others, name)) {
      out.others[name] = value;
    } else {
      return invalid_request("Unknown parameter " + name + ".", name);
    }
  }
  if (out.from_ms && out.to_ms && *out.from_ms >= *out.to_ms)
    return invalid_request("from must be before to.", "from");
  return std::nullopt;
}

}  // namespace keygate
