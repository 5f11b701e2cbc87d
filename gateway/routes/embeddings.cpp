#include "gateway/pipeline/model_request.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_embeddings(exchange& ex, worker_services& services, const caller& who) {
  co_await serve_model_request(ex, services, who, request_kind::embeddings);
}

}  // namespace keygate
