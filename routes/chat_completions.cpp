#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/object.hpp>
#include <chrono>

#include "gateway/backoff.hpp"
#include "gateway/chat_request.hpp"
#include "gateway/error_response.hpp"
#include "gateway/logging.hpp"
#include "gateway/router.hpp"
#include "routes/access_record.hpp"
#include "routes/request_deadline.hpp"
#include "routes/routes.hpp"

namespace keygate {

namespace {

void log_request(const exchange& ex, const chat_request& request, const route_report& report) {
  if (!access_log_enabled()) return;
  auto record = access_record(ex, "chat.completions", request.model, report);
  record["stream"] = request.stream;
  record["completion_tokens"] = report.outcome.usage.completion;
  write_access_record(std::move(record), report.outcome);
}

task<void> reject(exchange& ex, const chat_request& request, const openai_error& error) {
  co_await respond_error(ex, error);
  log_request(ex, request, refused(error));
}

}  // namespace

task<void> handle_chat_completions(exchange& ex, worker_services& services) {
  using namespace net::experimental::awaitable_operators;
  chat_request request;
  if (auto error = parse_chat_request(ex.request().body(), request))
    co_return co_await reject(ex, request, *error);
  // This request's configuration, kept to its end even if a reload replaces it meanwhile.
  const auto table = services.store.current();
  const routed_group* group = table->find(request.model);
  if (!group) {
    const auto error = model_not_found(request.model);
    co_return co_await reject(ex, request, error);
  }
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (auto error = read_deadline(ex, table->cfg(), deadline))
    co_return co_await reject(ex, request, *error);

  route_report report;
  route_context ctx{ex, request, *table, services.upstream, services.rng, deadline};
  // Whichever ends first wins: the request, or the client hanging up (which cancels the request,
  // closing its upstream connection at once).
  auto winner = co_await (route_chat(ctx, *group, report) || ex.wait_client_gone());
  if (winner.index() == 1) {
    report.outcome.client_gone = true;
    ex.abandon();
  }
  log_request(ex, request, report);
}

}  // namespace keygate
