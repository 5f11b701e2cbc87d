#include "gateway/pipeline/unpriced_guard.hpp"

#include "gateway/accounting/unpriced.hpp"

namespace keygate {

namespace {

const deployment* first_unpriced(const routed_group& group) {
  for (const auto& d : group.deployments)
    if (closed_to_budgets(*d.config)) return d.config;
  return nullptr;
}

const deployment* first_unpriced_reachable(const routed_group& group) {
  if (const auto* d = first_unpriced(group)) return d;
  for (const auto* list :
       {&group.fallbacks, &group.context_window_fallbacks, &group.content_policy_fallbacks})
    for (const auto* fallback : *list)
      if (const auto* d = first_unpriced(*fallback)) return d;
  return nullptr;
}

}  // namespace

bool has_budget(const caller& who) {
  return who.key && (who.key->budget || who.key->per_end_user.budget ||
                     (who.key_team && who.key_team->budget));
}

std::optional<openai_error> refuse_unpriced(const caller& who, const routed_group& group) {
  if (!has_budget(who)) return std::nullopt;
  const deployment* d = first_unpriced_reachable(group);
  if (!d) return std::nullopt;
  return openai_error{400,
                      "The model '" + group.config->name + "' may be served by deployment '" +
                          d->id + "' (provider " + d->provider + ", model " + d->model +
                          "), whose price keygate does not know, and this key has a budget its "
                          "cost could not count against. Price it with `price:` on the "
                          "deployment (or `keygate prices import`), or set `allow_unpriced: "
                          "true` on it to let budgeted keys use it uncounted.",
                      "invalid_request_error", std::string("model"), std::string("model_unpriced")};
}

}  // namespace keygate
