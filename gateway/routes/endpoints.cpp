#include "gateway/doors/endpoints/endpoint_door.hpp"
#include "gateway/pipeline/model_request.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_endpoint(exchange& ex, worker_services& services, const caller& who,
                           client_dialect dialect) {
  doors::endpoint_door door(dialect);
  co_await serve_model_request(ex, services, who, door);
}

}  // namespace keygate
