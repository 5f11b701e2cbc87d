// What a worker thread's request handlers share: the routing store (configuration and deployment
// health, replaced on reload), the process's shared services, and the worker's own upstream client,
// image fetcher and limiter.
#pragma once

#include <memory>
#include <random>

#include "gateway/engine/routing_store.hpp"
#include "gateway/images/image_fetcher.hpp"
#include "gateway/services/shared_services.hpp"
#include "gateway/storage/redis_connection.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

struct worker_services {
  worker_services(const routing_store& s, shared_services& sh, net::io_context& io)
      : store(s),
        shared(sh),
        upstream(io, s.current()->cfg().upstream),
        images(io, s.current()->cfg().upstream.ca_file),
        rng(std::random_device{}()),
        own_limiter(sh.make_limiter ? sh.make_limiter(io) : nullptr),
        limits(own_limiter ? *own_limiter : static_cast<limiter&>(sh.local_limits)),
        cache_redis(s.current()->cfg().redis.enabled()
                        ? std::make_unique<redis_connection>(io, s.current()->cfg().redis)
                        : nullptr) {}

  const routing_store& store;
  shared_services& shared;
  upstream_client upstream;
  image_fetcher images;  // image URLs for providers that need the bytes (docs/images.md)
  std::mt19937_64 rng;
  std::unique_ptr<limiter> own_limiter;
  limiter& limits;
  // The response cache shared by every instance, when Redis is configured (docs/caching.md).
  std::unique_ptr<redis_connection> cache_redis;
};

}  // namespace keygate
