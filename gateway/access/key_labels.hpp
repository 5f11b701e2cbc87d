// The label values that name a caller: a key's public id and alias, and its team. Never a secret
// or its hash.
#pragma once

#include <string>
#include <string_view>

#include "gateway/access/authenticate.hpp"

namespace keygate::metrics {

// The key's alias, cut to a sane length, or its id when it has none.
std::string alias_label(const virtual_key& key);
std::string_view team_label(std::string_view team);

struct caller_labels {
  std::string key = "none";
  std::string key_alias = "none";
  std::string team = "none";
};

// "master" for the master key, "none" without a key.
caller_labels labels_of(const caller& who);

}  // namespace keygate::metrics
