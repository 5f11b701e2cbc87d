#include "gateway/console/account.hpp"

#include "gateway/limits/budget_period.hpp"

namespace keygate::console {

namespace {

std::string_view period_word(budget_period p) {
  switch (p) {
    case budget_period::daily:
      return "day";
    case budget_period::weekly:
      return "week";
    case budget_period::monthly:
      return "month";
    case budget_period::total:
      break;
  }
  return "total";
}

boost::json::value budget_json(const std::optional<budget>& b, const std::string& scope,
                               std::int64_t now_ms, const spend_lookup& spent) {
  if (!b) return nullptr;
  const auto window = period_at(b->period, now_ms);
  const std::int64_t used = spent(scope, scope + ":b:" + window.label, window.start_ms);
  const double usd = static_cast<double>(b->limit_nanos) / 1e9;
  const double spent_usd = static_cast<double>(used) / 1e9;
  boost::json::object out{{"usd", usd},
                          {"period", period_word(b->period)},
                          {"spent_usd", spent_usd},
                          {"remaining_usd", std::max(0.0, usd - spent_usd)}};
  if (b->period == budget_period::total)
    out["resets_at"] = nullptr;
  else
    out["resets_at"] = window.end_ms;
  return out;
}

boost::json::value limit_or_null(std::int64_t limit) {
  return limit > 0 ? boost::json::value(limit) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object key_json(const caller& who) {
  if (!who.key)
    return {{"id", who.master ? "master" : "local"},
            {"alias", nullptr},
            {"team", nullptr},
            {"master", true},
            {"models", nullptr},
            {"expires_at", nullptr}};
  const auto& key = *who.key;
  boost::json::value models = nullptr;
  if (!key.models.empty()) {
    boost::json::array list;
    for (const auto& m : key.models) list.emplace_back(m);
    models = std::move(list);
  }
  return {
      {"id", key.id},
      {"alias", key.alias.empty() ? boost::json::value(nullptr) : boost::json::value(key.alias)},
      {"team", key.team.empty() ? boost::json::value(nullptr) : boost::json::value(key.team)},
      {"master", false},
      {"models", std::move(models)},
      {"expires_at",
       key.expires_ms ? boost::json::value(*key.expires_ms) : boost::json::value(nullptr)}};
}

boost::json::object account_json(const caller& who, std::int64_t now_ms,
                                 const spend_lookup& spent) {
  boost::json::object out{{"key", key_json(who)}};
  if (who.key) {
    out["budget"] = budget_json(who.key->budget, "k:" + who.key->id, now_ms, spent);
    out["team_budget"] =
        who.key_team ? budget_json(who.key_team->budget, "t:" + who.key_team->id, now_ms, spent)
                     : boost::json::value(nullptr);
    const auto& l = who.key->limits;
    out["limits"] = {{"rpm", limit_or_null(l.rpm)},
                     {"tpm", limit_or_null(l.tpm)},
                     {"max_parallel", limit_or_null(l.max_parallel)}};
  } else {
    out["budget"] = nullptr;
    out["team_budget"] = nullptr;
    out["limits"] = {{"rpm", nullptr}, {"tpm", nullptr}, {"max_parallel", nullptr}};
  }
  return out;
}

}  // namespace keygate::console
