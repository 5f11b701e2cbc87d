#include "gateway/access/key_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace keygate {

namespace json = boost::json;

namespace {

json::object limits_to_json(const rate_limits& l) {
  return {{"rpm", l.rpm}, {"tpm", l.tpm}, {"max_parallel", l.max_parallel}};
}

rate_limits limits_from(const json::object& o) {
  rate_limits l;
  if (auto* v = o.if_contains("rpm"); v && v->is_int64()) l.rpm = v->as_int64();
  if (auto* v = o.if_contains("tpm"); v && v->is_int64()) l.tpm = v->as_int64();
  if (auto* v = o.if_contains("max_parallel"); v && v->is_int64()) l.max_parallel = v->as_int64();
  return l;
}

std::string text_of(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string_view period_name(budget_period p) {
  switch (p) {
    case budget_period::daily:
      return "daily";
    case budget_period::weekly:
      return "weekly";
    case budget_period::monthly:
      return "monthly";
    case budget_period::total:
      break;
  }
  return "total";
}

std::optional<budget_period> period_from_name(std::string_view name) {
  for (auto p :
       {budget_period::daily, budget_period::weekly, budget_period::monthly, budget_period::total})
    if (period_name(p) == name) return p;
  return std::nullopt;
}

json::object budget_to_json(const budget& b) {
  return {{"usd", static_cast<double>(b.limit_nanos) / 1e9}, {"period", period_name(b.period)}};
}

json::object key_to_json(const virtual_key& key, bool with_hash) {
  json::object o{{"id", key.id},
                 {"alias", key.alias},
                 {"team", key.team},
                 {"revoked", key.revoked},
                 {"source", key.from_config ? "config" : "api"},
                 {"created_at_ms", key.created_ms}};
  json::array models;
  for (const auto& m : key.models) models.emplace_back(m);
  o["models"] = std::move(models);
  auto limits = limits_to_json(key.limits);
  for (auto& kv : limits) o[kv.key()] = kv.value();
  json::object per_model;
  for (const auto& [model, l] : key.model_limits) per_model[model] = limits_to_json(l);
  o["model_limits"] = std::move(per_model);
  o["budget"] = key.budget ? json::value(budget_to_json(*key.budget)) : json::value(nullptr);
  o["expires_at_ms"] = key.expires_ms ? json::value(*key.expires_ms) : json::value(nullptr);
  if (with_hash) o["key_sha256"] = key.hash;
  return o;
}

std::optional<virtual_key> key_from_json(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.as_object();
  virtual_key k;
  k.id = text_of(o, "id");
  k.hash = text_of(o, "key_sha256");
  if (k.id.empty() || k.hash.empty()) return std::nullopt;
  k.alias = text_of(o, "alias");
  k.team = text_of(o, "team");
  if (auto* v = o.if_contains("revoked"); v && v->is_bool()) k.revoked = v->as_bool();
  if (auto* v = o.if_contains("created_at_ms"); v && v->is_int64()) k.created_ms = v->as_int64();
  if (auto* v = o.if_contains("models"); v && v->is_array())
    for (const auto& m : v->as_array())
      if (m.is_string()) k.models.emplace_back(m.as_string());
  k.limits = limits_from(o);
  if (auto* v = o.if_contains("model_limits"); v && v->is_object())
    for (const auto& kv : v->as_object())
      if (kv.value().is_object()) k.model_limits[kv.key()] = limits_from(kv.value().as_object());
  if (auto* v = o.if_contains("budget"); v && v->is_object()) {
    const auto& b = v->as_object();
    budget parsed;
    if (auto* usd = b.if_contains("usd"); usd && usd->is_number())
      parsed.limit_nanos = static_cast<std::int64_t>(usd->to_number<double>() * 1e9 + 0.5);
    parsed.period = period_from_name(text_of(b, "period")).value_or(budget_period::total);
    k.budget = parsed;
  }
  if (auto* v = o.if_contains("expires_at_ms"); v && v->is_int64()) k.expires_ms = v->as_int64();
  return k;
}

}  // namespace keygate
