// API-made keys in Redis (a hash of JSON documents), so every instance sharing the Redis sees the
// same keys. Blocking calls with the configured timeout, on a connection of its own.
#pragma once

#include <mutex>

#include "gateway/access/key_store.hpp"

struct redisContext;

namespace keygate {

class redis_key_store final : public key_store {
 public:
  explicit redis_key_store(redis_options options);
  ~redis_key_store() override;
  redis_key_store(const redis_key_store&) = delete;
  redis_key_store& operator=(const redis_key_store&) = delete;

  std::vector<virtual_key> load() override;
  void save(const virtual_key& key) override;

 private:
  redisContext* connection();  // under mutex_; throws key_store_error
  void drop();

  redis_options options_;
  std::string hash_key_;
  std::mutex mutex_;
  redisContext* context_ = nullptr;
};

}  // namespace keygate
