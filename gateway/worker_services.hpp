// What a worker thread's request handlers share: the routing table (configuration and deployment
// health) and the worker's own upstream client.
#pragma once

#include <memory>
#include <random>

#include "gateway/routing_table.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

struct worker_services {
  worker_services(std::shared_ptr<const routing_table> t, net::io_context& io)
      : table(std::move(t)), upstream(io, table->cfg().upstream), rng(std::random_device{}()) {}

  const config& cfg() const { return table->cfg(); }

  std::shared_ptr<const routing_table> table;
  upstream_client upstream;
  std::mt19937_64 rng;
};

}  // namespace keygate
