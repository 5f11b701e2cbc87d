#include "gateway/limits/admission_plan.hpp"

#include "gateway/base/key_hash.hpp"
#include "gateway/limits/budget_period.hpp"

namespace keygate {

namespace {

void add_limits(admission_request& out, const std::string& scope, const rate_limits& limits,
                std::int64_t tokens, bool report) {
  if (limits.rpm > 0)
    out.rates.push_back({scope + ":rpm", limits.rpm, 1, rate_unit::requests, report});
  if (limits.tpm > 0)
    out.rates.push_back({scope + ":tpm", limits.tpm, tokens, rate_unit::tokens, report});
  if (limits.max_parallel > 0) out.parallel.push_back({scope + ":par", limits.max_parallel});
}

void add_budget(admission_request& out, const std::string& scope, const budget& b,
                std::int64_t reserve, std::int64_t unix_ms) {
  const auto window = period_at(b.period, unix_ms);
  out.budgets.push_back({scope + ":b:" + window.label, b.limit_nanos, reserve, window.end_ms});
}

}  // namespace

admission_request plan_admission(const caller& who, std::string_view model,
                                 const request_estimate& estimate, std::string request_id,
                                 std::int64_t unix_ms, std::string_view end_user) {
  admission_request out;
  out.request_id = std::move(request_id);
  if (!who.key) return out;
  const virtual_key& key = *who.key;
  const std::string key_scope = "k:" + key.id;
  add_limits(out, key_scope, key.limits, estimate.tokens, true);
  if (auto it = key.model_limits.find(std::string(model)); it != key.model_limits.end())
    add_limits(out, key_scope + ":m:" + it->first, it->second, estimate.tokens, !key.limits.any());
  if (who.key_team)
    add_limits(out, "t:" + who.key_team->id, who.key_team->limits, estimate.tokens, false);
  const std::int64_t reserve = estimate.worst_cost_nanos.value_or(0);
  if (key.budget) add_budget(out, key_scope, *key.budget, reserve, unix_ms);
  if (who.key_team && who.key_team->budget)
    add_budget(out, "t:" + who.key_team->id, *who.key_team->budget, reserve, unix_ms);
  if (!end_user.empty() && key.per_end_user.any()) {
    // Hashed: an end user's name may hold any character, and a limiter id stays short and plain.
    const std::string user_scope = key_scope + ":u:" + sha256_hex(end_user).substr(0, 16);
    add_limits(out, user_scope, key.per_end_user.limits, estimate.tokens, !key.limits.any());
    if (key.per_end_user.budget)
      add_budget(out, user_scope, *key.per_end_user.budget, reserve, unix_ms);
  }
  return out;
}

settlement plan_settlement(const admission_request& admitted, std::int64_t estimated_tokens,
                           std::int64_t real_tokens, std::optional<std::int64_t> cost_nanos) {
  settlement out;
  out.request_id = admitted.request_id;
  for (const auto& take : admitted.rates)
    if (take.unit == rate_unit::tokens && real_tokens != estimated_tokens) {
      auto correction = take;
      correction.amount = real_tokens - estimated_tokens;
      out.rates.push_back(std::move(correction));
    }
  for (const auto& take : admitted.parallel) out.parallel.push_back(take.id);
  for (const auto& take : admitted.budgets) {
    auto charge = take;
    charge.amount_nanos = cost_nanos.value_or(0);
    out.budgets.push_back(std::move(charge));
  }
  return out;
}

std::int64_t prompt_tokens_upper_bound(std::size_t body_bytes) {
  return static_cast<std::int64_t>(body_bytes);
}

std::int64_t prompt_tokens_estimate(std::size_t body_bytes) {
  return static_cast<std::int64_t>(body_bytes / 4 + 1);
}

}  // namespace keygate
