#include "gateway/access/team_json.hpp"

#include <boost/json/parse.hpp>

#include "gateway/access/key_json.hpp"

namespace keygate {

namespace json = boost::json;

json::object team_to_json(const team& t) {
  json::array models;
  for (const auto& m : t.models) models.emplace_back(m);
  return {{"id", t.id},
          {"source", t.from_config ? "config" : "api"},
          {"models", std::move(models)},
          {"rpm", t.limits.rpm},
          {"tpm", t.limits.tpm},
          {"max_parallel", t.limits.max_parallel},
          {"budget", t.budget ? json::value(budget_to_json(*t.budget)) : json::value(nullptr)}};
}

std::optional<team> team_from_json(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.as_object();
  team t;
  if (auto* v = o.if_contains("id"); v && v->is_string()) t.id = v->as_string();
  if (t.id.empty()) return std::nullopt;
  if (auto* v = o.if_contains("models"); v && v->is_array())
    for (const auto& m : v->as_array())
      if (m.is_string()) t.models.emplace_back(m.as_string());
  for (auto [name, field] : {std::pair{"rpm", &t.limits.rpm}, std::pair{"tpm", &t.limits.tpm},
                             std::pair{"max_parallel", &t.limits.max_parallel}})
    if (auto* v = o.if_contains(name); v && v->is_int64()) *field = v->as_int64();
  if (auto* v = o.if_contains("budget"); v && v->is_object()) {
    const auto& b = v->as_object();
    budget parsed;
    if (auto* usd = b.if_contains("usd"); usd && usd->is_number())
      parsed.limit_nanos = budget_nanos(usd->to_number<double>()).value_or(0);
    if (auto* p = b.if_contains("period"); p && p->is_string())
      parsed.period = period_from_name(p->as_string()).value_or(budget_period::total);
    t.budget = parsed;
  }
  return t;
}

}  // namespace keygate
