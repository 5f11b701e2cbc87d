// What a worker thread's request handlers share: the routing store (configuration and deployment
// health, replaced on reload) and the worker's own upstream client.
#pragma once

#include <memory>
#include <random>

#include "gateway/routing_store.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

struct worker_services {
  worker_services(const routing_store& s, net::io_context& io)
      : store(s), upstream(io, s.current()->cfg().upstream), rng(std::random_device{}()) {}

  const routing_store& store;
  upstream_client upstream;
  std::mt19937_64 rng;
};

}  // namespace keygate
