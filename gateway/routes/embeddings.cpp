#include "gateway/doors/openai/embeddings_door.hpp"
#include "gateway/pipeline/model_request.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_embeddings(exchange& ex, worker_services& services, const caller& who) {
  doors::embeddings_door door;
  co_await serve_model_request(ex, services, who, door);
}

}  // namespace keygate
