#include "gateway/routes/model_call.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/routes/access_record.hpp"
#include "gateway/routes/request_deadline.hpp"

namespace keygate {

task<route_report> refuse(exchange& ex, request_accounting& accounting, const openai_error& error,
                          std::optional<std::chrono::milliseconds> retry_after) {
  co_await respond_error(ex, error, retry_after);
  accounting.record_refusal(error);
  co_return refused(error);
}

// asio's || waits for the first branch that ends without an exception: a request that threw would
// wait on the client forever. So a failure inside the gateway becomes an answer here: a 500 when
// nothing was sent yet, else the connection is closed (the client sees a cut stream, never a
// success).
task<void> route_or_fail(route_context ctx, const routed_group& group, route_report& report) {
  exchange& ex = ctx.ex;
  try {
    co_await route_chat(std::move(ctx), group, report);
    co_return;
  } catch (const std::exception& e) {
    log_error("request failed inside the gateway",
              {{"request_id", ex.request_id()}, {"reason", e.what()}});
  }
  report.outcome.status = 500;
  report.outcome.error_code = "internal_error";
  if (ex.responded()) {
    ex.close_connection();
    co_return;
  }
  const openai_error error{500,
                           "The gateway failed to handle the request.",
                           "server_error",
                           {},
                           std::string("internal_error")};
  co_await respond_error(ex, error);
}

task<route_report> run_model_call(exchange& ex, worker_services& services, const caller& who,
                                  const model_call& call, request_accounting& accounting) {
  using namespace net::experimental::awaitable_operators;
  const std::string& model = call.request.model;
  // This request's configuration, kept to its end even if a reload replaces it meanwhile.
  const auto table = services.store.current();
  const routed_group* group = table->find(model);
  // A model the key may not use is answered as OpenAI answers one the account cannot see.
  if (!group || (who.key && !who.key->allows(model))) {
    const auto error = model_not_found(model);
    co_return co_await refuse(ex, accounting, error);
  }
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (auto error = read_deadline(ex, table->cfg(), deadline))
    co_return co_await refuse(ex, accounting, *error);
  if (auto refused = co_await accounting.admit(*group))
    co_return co_await refuse(ex, accounting, refused->error, refused->retry_after);

  route_report report;
  report.table = table;
  image_inliner images(services.images, table->cfg().images);
  route_context ctx{
      ex,       call.request,    *table,      services.upstream, services.rng,
      deadline, call.embeddings, &accounting, &services.limits,  accounting.estimated_tokens(),
      &images};
  // Whichever ends first wins: the request, or the client hanging up (which cancels the request,
  // closing its upstream connection at once).
  auto winner = co_await (route_or_fail(ctx, *group, report) || ex.wait_client_gone());
  if (winner.index() == 1) {
    report.outcome.client_gone = true;
    ex.abandon();
  }
  co_await accounting.finish(report);
  co_return report;
}

}  // namespace keygate
