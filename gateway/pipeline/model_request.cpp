#include "gateway/pipeline/model_request.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/this_coro.hpp>
#include <string>

#include "gateway/engine/attempt_loop.hpp"
#include "gateway/engine/image_inliner.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/pipeline/access_record.hpp"
#include "gateway/pipeline/end_user.hpp"
#include "gateway/pipeline/request_deadline.hpp"
#include "gateway/pipeline/request_outcome_metrics.hpp"

namespace keygate {

model_request::model_request(exchange& ex, worker_services& services, const caller& who,
                             front_door& door)
    : ex_(ex),
      services_(services),
      who_(who),
      door_(door),
      accounting_(ex, services, who, door.route(), request_),
      writer_(ex, accounting_, request_, door),
      cache_(ex, services) {}

task<void> model_request::serve() {
  if (auto error = read_body())
    co_await writer_.refuse(*error);
  else if (auto unknown = resolve_model())
    co_await writer_.refuse(*unknown);
  else if (auto bad_deadline = read_deadline())
    co_await writer_.refuse(*bad_deadline);
  else if (auto refused = co_await admit())
    co_await writer_.refuse(refused->error, refused->retry_after);
  else if (auto hit = co_await look_in_cache())
    co_await writer_.replay(*hit);
  else
    co_await run_attempts_and_keep();
  co_await settle();
  record();
}

std::optional<openai_error> model_request::read_body() {
  return door_.read(ex_, embeddings_);
}

std::optional<openai_error> model_request::resolve_model() {
  // This request's configuration, kept to its end even if a reload replaces it meanwhile.
  report_.table = services_.store.current();
  accounting_.set_end_user(
      end_user_of(ex_.request(), request_, report_.table->cfg().auth.end_user_header));
  group_ = report_.table->find(request_.model);
  // A model the key may not use is answered as OpenAI answers one the account cannot see.
  if (!group_ || !who_.allows(request_.model)) return model_not_found(request_.model);
  return std::nullopt;
}

std::optional<openai_error> model_request::read_deadline() {
  return keygate::read_deadline(ex_, report_.table->cfg(), deadline_);
}

task<std::optional<refused_request>> model_request::admit() {
  if (const client_body* client = door_.client())
    accounting_.set_billed_units(billed_unit(client->dialect), client->request_units);
  co_return co_await accounting_.admit(*group_);
}

// asio's || waits for the first branch that ends without an exception: a request that threw would
// wait on the client forever. So a failure inside the gateway becomes an answer here.
task<void> model_request::attempt_or_fail() {
  std::string failure;
  try {
    image_inliner images(services_.images, report_.table->cfg().images);
    attempt_report attempts;
    const attempt_loop_context ctx{request_,
                                   *report_.table,
                                   services_.upstream,
                                   services_.rng,
                                   writer_,
                                   ex_,
                                   ex_.executor(),
                                   ex_.request_id(),
                                   deadline_,
                                   door_.embeddings() ? &embeddings_ : nullptr,
                                   &services_.limits,
                                   accounting_.estimated_tokens(),
                                   &images,
                                   door_.client()};
    co_await run_attempt_loop(ctx, *group_, attempts);
    report_.served_by = attempts.served_by;
    report_.attempts = attempts.attempts;
    if (attempts.refusal)
      co_await writer_.refuse(attempts.refusal->error, attempts.refusal->retry_after);
    co_return;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  // The client hung up and run_attempts cancelled the attempts: nothing failed, nobody listens.
  const auto cancellation = co_await net::this_coro::cancellation_state;
  if (cancellation.cancelled() != net::cancellation_type::none) co_return;
  log_error("request failed inside the gateway",
            {{"request_id", ex_.request_id()}, {"reason", failure}});
  co_await writer_.fail_inside();
}

task<std::shared_ptr<const cached_answer>> model_request::look_in_cache() {
  cache_.plan(*group_, who_, request_, door_.route());
  auto hit = co_await cache_.look(deadline_);
  writer_.capture_into(cache_.capture());
  co_return hit;
}

task<void> model_request::run_attempts_and_keep() {
  co_await run_attempts();
  if (cache_.active()) co_await cache_.keep(writer_.outcome(), accounting_.cost_nanos());
}

task<void> model_request::run_attempts() {
  using namespace net::experimental::awaitable_operators;
  // Whichever ends first wins: the attempts, or the client hanging up (which cancels them,
  // closing their upstream connection at once).
  auto winner = co_await (attempt_or_fail() || ex_.wait_client_gone());
  if (winner.index() == 1) writer_.client_left();
}

task<void> model_request::settle() {
  report_.outcome = writer_.outcome();
  co_await accounting_.finish(report_);
}

void model_request::record() {
  const auto route = door_.route();
  const auto times = times_of(ex_, request_.stream, report_);
  count_model_request(services_, route, request_.model, report_, accounting_, times);
  if (!access_log_enabled()) return;
  auto line = access_record(ex_, route, request_.model, report_, who_, accounting_, times);
  door_.log_fields(line, embeddings_, report_.outcome.usage.completion);
  write_access_record(std::move(line), report_.outcome);
}

task<void> serve_model_request(exchange& ex, worker_services& services, const caller& who,
                               front_door& door) {
  // On the heap: it is over asio's frame-recycling limit (docs/coroutines.md), and a frame that
  // big would also push a cached frame out for the next coroutine.
  auto request = std::make_unique<model_request>(ex, services, who, door);
  co_await request->serve();
}

}  // namespace keygate
