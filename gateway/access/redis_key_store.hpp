// API-made keys and teams in Redis (a hash of JSON documents), so every instance sharing the Redis
// sees the same keys. Blocking calls with the configured timeout, on a connection of its own.
#pragma once

#include <initializer_list>
#include <mutex>
#include <string_view>

#include "gateway/access/key_store.hpp"

struct redisContext;
struct redisReply;

namespace keygate {

class redis_key_store final : public key_store {
 public:
  explicit redis_key_store(redis_options options);
  ~redis_key_store() override;
  redis_key_store(const redis_key_store&) = delete;
  redis_key_store& operator=(const redis_key_store&) = delete;

  std::vector<virtual_key> load() override;
  void save(const virtual_key& key) override;
  std::vector<team> load_teams() override;
  void save_team(const team& t) override;
  void remove_team(const std::string& id) override;

 private:
  redisContext* connection();  // under mutex_; throws key_store_error
  void drop();
  redisReply* command(std::initializer_list<std::string_view> words);  // under mutex_; may be null

  redis_options options_;
  std::string hash_key_;
  std::string teams_key_;
  std::mutex mutex_;
  redisContext* context_ = nullptr;
};

}  // namespace keygate
