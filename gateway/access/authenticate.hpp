// Who is calling: the master key, a virtual key, or nobody (when no key is configured at all).
#pragma once

#include <memory>
#include <optional>

#include "gateway/access/key_registry.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate {

struct caller {
  bool master = false;
  std::shared_ptr<const virtual_key> key;  // set for a virtual key
  const team* key_team = nullptr;          // the key's team, in the same snapshot
  std::shared_ptr<const key_snapshot> snapshot;

  std::string_view key_id() const { return key ? std::string_view(key->id) : std::string_view(); }
  // Whether this caller may use a model group: its key's list and its team's both allow it.
  bool allows(std::string_view model) const {
    return (!key || key->allows(model)) && (!key_team || key_team->allows(model));
  }
};

// The secret from `Authorization: Bearer`, `x-api-key` (Anthropic's clients) or `api-key`
// (Azure's); empty when none.
std::string_view presented_secret(const http_request& request);

// The caller, or the 401 to send. Never echoes the secret.
std::optional<openai_error> authenticate(const http_request& request,
                                         std::shared_ptr<const key_snapshot> keys,
                                         std::int64_t now_ms, caller& out);

std::int64_t unix_ms_now();

}  // namespace keygate
