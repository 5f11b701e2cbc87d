#include "gateway/doors/openai/chat_door.hpp"
#include "gateway/pipeline/model_request.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_chat_completions(exchange& ex, worker_services& services, const caller& who) {
  doors::chat_door door;
  co_await serve_model_request(ex, services, who, door);
}

}  // namespace keygate
