#include "gateway/access/key_registry.hpp"

#include <algorithm>

namespace keygate {

bool virtual_key::allows(std::string_view model) const {
  return models.empty() || std::find(models.begin(), models.end(), model) != models.end();
}

bool team::allows(std::string_view model) const {
  return models.empty() || std::find(models.begin(), models.end(), model) != models.end();
}

key_registry::key_registry() : snapshot_(std::make_shared<const key_snapshot>()) {}

void key_registry::set_config(const auth_options& auth) {
  std::lock_guard lock(mutex_);
  config_ = auth;
  rebuild();
}

void key_registry::set_stored(std::vector<virtual_key> keys) {
  std::lock_guard lock(mutex_);
  stored_.clear();
  for (auto& k : keys) stored_[k.id] = std::move(k);
  rebuild();
}

void key_registry::put_stored(virtual_key key) {
  std::lock_guard lock(mutex_);
  stored_[key.id] = std::move(key);
  rebuild();
}

void key_registry::set_stored_teams(std::vector<team> teams) {
  std::lock_guard lock(mutex_);
  stored_teams_.clear();
  for (auto& t : teams) stored_teams_[t.id] = std::move(t);
  rebuild();
}

void key_registry::put_stored_team(team t) {
  std::lock_guard lock(mutex_);
  stored_teams_[t.id] = std::move(t);
  rebuild();
}

void key_registry::drop_stored_team(std::string_view id) {
  std::lock_guard lock(mutex_);
  stored_teams_.erase(std::string(id));
  rebuild();
}

void key_registry::rebuild() {
  auto next = std::make_shared<key_snapshot>();
  next->master_hash = config_.master_key_hash;
  for (const auto& t : config_.teams) next->teams.emplace(t.id, t);
  // A config team wins over a stored one with the same id.
  for (const auto& [id, t] : stored_teams_) next->teams.emplace(id, t);
  auto add = [&](const virtual_key& k) {
    auto shared = std::make_shared<const virtual_key>(k);
    // A config key wins over a stored one with the same id or secret.
    if (next->by_id.contains(k.id) || next->by_hash.contains(k.hash)) return;
    next->by_id.emplace(k.id, shared);
    next->by_hash.emplace(k.hash, shared);
  };
  for (const auto& k : config_.keys) add(k);
  for (const auto& [id, k] : stored_) add(k);
  next->auth_enabled = config_.enabled() || !stored_.empty();
  snapshot_.store(std::move(next));
}

}  // namespace keygate
