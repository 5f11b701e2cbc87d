// What a worker thread's request handlers share: the configuration and the upstream client.
#pragma once

#include <memory>

#include "gateway/config.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

struct worker_services {
  worker_services(std::shared_ptr<const config> c, net::io_context& io)
      : cfg(std::move(c)), upstream(io, cfg->upstream) {}

  std::shared_ptr<const config> cfg;
  upstream_client upstream;
};

}  // namespace keygate
