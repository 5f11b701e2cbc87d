#include "gateway/access/key_labels.hpp"

namespace keygate::metrics {

namespace {
// An alias is free text from whoever made the key: long ones are cut, not refused.
constexpr std::size_t max_alias_bytes = 64;
}  // namespace

std::string alias_label(const virtual_key& key) {
  if (key.alias.empty()) return key.id;
  return key.alias.substr(0, max_alias_bytes);
}

std::string_view team_label(std::string_view team) {
  return team.empty() ? std::string_view("none") : team;
}

caller_labels labels_of(const caller& who) {
  caller_labels out;
  if (who.key) {
    out.key = who.key->id;
    out.key_alias = alias_label(*who.key);
    out.team = std::string(team_label(who.key->team));
  } else if (who.master) {
    out.key = out.key_alias = "master";
  }
  return out;
}

}  // namespace keygate::metrics
