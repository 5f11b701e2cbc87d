#include "gateway/routes/admin_key_fields.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "gateway/access/key_json.hpp"

namespace keygate {

namespace json = boost::json;

namespace {

openai_error bad(std::string message, std::string param) {
  return invalid_request(std::move(message), std::move(param));
}

std::optional<openai_error> read_count(const json::object& o, std::string_view name,
                                       std::int64_t& out, const std::string& where) {
  auto* v = o.if_contains(name);
  if (!v) return std::nullopt;
  if (!v->is_int64() || v->as_int64() < 0)
    return bad(where + std::string(name) + " must be a whole number, 0 or more",
               where + std::string(name));
  out = v->as_int64();
  return std::nullopt;
}

std::optional<openai_error> read_limits(const json::object& o, rate_limits& l,
                                        const std::string& where) {
  for (auto [name, field] : {std::pair{"rpm", &l.rpm}, std::pair{"tpm", &l.tpm},
                             std::pair{"max_parallel", &l.max_parallel}})
    if (auto error = read_count(o, name, *field, where)) return error;
  return std::nullopt;
}

std::optional<openai_error> read_budget(const json::value& v, std::optional<budget>& out) {
  if (v.is_null()) {
    out.reset();
    return std::nullopt;
  }
  if (!v.is_object()) return bad("budget must be an object {usd, period}", "budget");
  const auto& o = v.as_object();
  // A change names what it changes: the field it leaves out keeps the key's current value.
  budget b = out.value_or(budget{});
  if (auto* usd = o.if_contains("usd")) {
    const auto nanos = usd->is_number() ? budget_nanos(usd->to_number<double>()) : std::nullopt;
    if (!nanos) return bad("budget.usd must be a number from 0 to 9000000000", "budget.usd");
    b.limit_nanos = *nanos;
  } else if (!out) {
    return bad("budget.usd is required for a new budget", "budget.usd");
  }
  if (auto* p = o.if_contains("period")) {
    auto period = p->is_string() ? period_from_name(p->as_string()) : std::nullopt;
    if (!period)
      return bad("budget.period must be daily, weekly, monthly or total", "budget.period");
    b.period = *period;
  }
  out = b;
  return std::nullopt;
}

std::optional<openai_error> read_models(const json::value& v, const routing_table& table,
                                        std::vector<std::string>& out) {
  if (!v.is_array()) return bad("models must be a list of model names", "models");
  out.clear();
  for (const auto& m : v.as_array()) {
    if (!m.is_string() || !table.find(m.as_string()))
      return bad("models: unknown model " + json::serialize(m), "models");
    out.emplace_back(m.as_string());
  }
  return std::nullopt;
}

bool good_team_id(std::string_view id) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (id.empty() || id.size() > 64 || !alnum(id.front())) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

}  // namespace

std::optional<openai_error> apply_team_fields(const json::object& body, const routing_table& table,
                                              bool creating, team& t) {
  static const std::initializer_list<std::string_view> known = {"id",  "models", "rpm",
                                                                "tpm", "budget", "max_parallel"};
  for (const auto& kv : body)
    if (std::find(known.begin(), known.end(), kv.key()) == known.end() ||
        (kv.key() == "id" && !creating))
      return bad("Unknown field " + std::string(kv.key()) + ".", std::string(kv.key()));
  if (creating) {
    auto* v = body.if_contains("id");
    if (!v || !v->is_string() || !good_team_id(v->as_string()))
      return bad(
          "id is required: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or "
          "digit",
          "id");
    t.id = v->as_string();
  }
  if (auto* v = body.if_contains("models"))
    if (auto error = read_models(*v, table, t.models)) return error;
  if (auto error = read_limits(body, t.limits, "")) return error;
  if (auto* v = body.if_contains("budget"))
    if (auto error = read_budget(*v, t.budget)) return error;
  return std::nullopt;
}

std::optional<openai_error> apply_key_fields(const json::object& body, const key_snapshot& keys,
                                             const routing_table& table, virtual_key& key) {
  static const std::initializer_list<std::string_view> known = {
      "alias",        "models", "rpm",           "tpm", "max_parallel",
      "model_limits", "budget", "expires_at_ms", "team"};
  for (const auto& kv : body)
    if (std::find(known.begin(), known.end(), kv.key()) == known.end())
      return bad("Unknown field " + std::string(kv.key()) + ".", std::string(kv.key()));
  if (auto* v = body.if_contains("alias")) {
    if (!v->is_string()) return bad("alias must be a string", "alias");
    key.alias = v->as_string();
  }
  if (auto* v = body.if_contains("models"))
    if (auto error = read_models(*v, table, key.models)) return error;
  if (auto error = read_limits(body, key.limits, "")) return error;
  if (auto* v = body.if_contains("model_limits")) {
    if (!v->is_object()) return bad("model_limits must map model names to limits", "model_limits");
    key.model_limits.clear();
    for (const auto& kv : v->as_object()) {
      if (!table.find(kv.key()) || !kv.value().is_object())
        return bad("model_limits: unknown model " + std::string(kv.key()), "model_limits");
      const std::string where = "model_limits." + std::string(kv.key()) + ".";
      if (auto error = read_limits(kv.value().as_object(), key.model_limits[kv.key()], where))
        return error;
    }
  }
  if (auto* v = body.if_contains("budget"))
    if (auto error = read_budget(*v, key.budget)) return error;
  if (auto* v = body.if_contains("expires_at_ms")) {
    if (v->is_null())
      key.expires_ms.reset();
    else if (v->is_int64())
      key.expires_ms = v->as_int64();
    else
      return bad("expires_at_ms must be unix milliseconds or null", "expires_at_ms");
  }
  if (auto* v = body.if_contains("team")) {
    if (!v->is_string() || (!v->as_string().empty() && !keys.teams.contains(v->as_string())))
      return bad("team: unknown team", "team");
    key.team = v->as_string();
  }
  return std::nullopt;
}

}  // namespace keygate
