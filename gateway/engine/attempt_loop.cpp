#include "gateway/engine/attempt_loop.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/container/small_vector.hpp>

#include "gateway/accounting/cost.hpp"
#include "gateway/engine/backoff.hpp"
#include "gateway/engine/balancer.hpp"
#include "gateway/limits/admission_plan.hpp"
#include "gateway/limits/deployment_capacity.hpp"
#include "gateway/metrics/request_metrics.hpp"

namespace keygate {

namespace {

using clock = std::chrono::steady_clock;

// Counts a request in flight at a deployment for as long as the attempt lives, even when the
// attempt is cancelled because the client left.
class in_flight_guard {
 public:
  explicit in_flight_guard(deployment_health& health) : health_(health) { ++health_.in_flight; }
  ~in_flight_guard() {
    --health_.in_flight;
    if (!reported_) health_.on_abandoned();
  }
  in_flight_guard(const in_flight_guard&) = delete;
  in_flight_guard& operator=(const in_flight_guard&) = delete;

  void report(const attempt_result& result) {
    reported_ = true;
    if (!result.upstream_ok)
      health_.on_failure(clock::now(),
                         result.failure && result.failure->kind == failure_kind::deployment_fault);
    else if (result.answered)
      health_.on_success(result.time_to_first_byte);
    else
      health_.on_abandoned();  // the upstream answered sanely; the request was at fault
  }

 private:
  deployment_health& health_;
  bool reported_ = false;
};

upstream_timeouts bounded(upstream_timeouts t, std::optional<clock::time_point> deadline) {
  if (!deadline) return t;
  auto left = std::chrono::duration_cast<millis>(*deadline - clock::now());
  t.total = std::clamp(left, millis(1), t.total);
  return t;
}

task<void> sleep_for(const net::any_io_executor& executor, millis delay) {
  if (delay.count() <= 0) co_return;
  net::steady_timer timer(executor, delay);
  co_await timer.async_wait(use_nothrow);
}

// Where to go once a group is done with: its fallbacks, in order, each visited once. Lists are
// only copied when a request actually falls back.
class fallback_queue {
 public:
  explicit fallback_queue(const routed_group& first) : first_(first), plan_(&first.fallbacks) {}
  // A context-window or content-policy failure swaps the plan for its own list.
  bool switch_to(const std::vector<const routed_group*>& list) {
    if (list.empty()) return false;
    plan_ = &list;
    next_ = 0;
    return true;
  }
  const routed_group* next() {
    while (next_ < plan_->size()) {
      const auto* g = (*plan_)[next_++];
      if (g == &first_ || std::find(visited_.begin(), visited_.end(), g) != visited_.end())
        continue;
      visited_.push_back(g);
      return g;
    }
    return nullptr;
  }

 private:
  const routed_group& first_;
  const std::vector<const routed_group*>* plan_;
  std::size_t next_ = 0;
  std::vector<const routed_group*> visited_;
};

// The tokens a request is expected to take, for the cost strategy and max_price: the usual prompt
// estimate, and its max_tokens or a typical answer's length.
constexpr std::int64_t typical_completion_tokens = 1000;

token_usage expected_tokens(const attempt_loop_context& ctx) {
  token_usage usage;
  usage.prompt = static_cast<std::int64_t>(ctx.request.body.size() / 4 + 1);
  if (!ctx.embeddings)
    usage.completion = ctx.request.max_tokens.value_or(typical_completion_tokens);
  return usage;
}

bool any_within_max_price(const routed_group& group, const token_usage& estimate) {
  for (const auto& d : group.deployments)
    if (within_max_price(group, d, estimate)) return true;
  return false;
}

openai_error over_max_price(const routed_group& group) {
  return {400,
          "Every deployment of '" + group.config->name +
              "' would cost more than its max_price (USD " +
              format_usd(std::llround(*group.config->max_price * 1e9)) +
              ") for this request, or has no known price.",
          "invalid_request_error", std::nullopt, std::string("max_price_exceeded")};
}

openai_error none_available(const routed_group& group) {
  return {503, "No deployment of '" + group.config->name + "' can take requests right now.",
          "server_error", std::nullopt, std::string("no_healthy_deployment")};
}

// The provider's call for this request, chosen by a plain function so that the loop awaits one
// call (GCC 12 miscompiles a conditional operator inside a co_await, docs/coroutines.md).
task<attempt_result> call_provider(const provider& implementation, attempt_call& call) {
  return call.embeddings ? implementation.embed(call) : implementation.chat(call);
}

// A deployment's own rpm, tpm and concurrency: takes a slot, or notes why there was none. Apart
// from the loop, whose frame every request pays for, since few deployments have limits.
task<bool> take_capacity(const attempt_loop_context& ctx, const deployment& target,
                         std::unique_ptr<admission_request>& slot,
                         std::unique_ptr<attempt_failure>& last_failure) {
  slot = std::make_unique<admission_request>(
      deployment_admission(target, ctx.estimated_tokens, std::string(ctx.request_id)));
  const auto taken = co_await ctx.limits->admit(*slot);
  if (taken.admitted()) co_return true;
  last_failure = std::make_unique<attempt_failure>(
      attempt_failure{capacity_error(target, taken), failure_kind::retryable,
                      millis(std::max<std::int64_t>(taken.retry_after_ms, 1))});
  co_return false;
}

task<void> give_back_capacity(const attempt_loop_context& ctx, const admission_request& slot) {
  const auto done =
      plan_settlement(slot, ctx.estimated_tokens, ctx.answer.outcome().usage.total(), std::nullopt);
  co_await ctx.limits->settle(done);
}

}  // namespace

task<void> run_attempt_loop(const attempt_loop_context& ctx, const routed_group& first,
                            attempt_report& report) {
  const auto& options = ctx.table.cfg().router;
  fallback_queue fallbacks(first);
  // On the heap, as the slot below: both are rare, and the loop's frame holds every local.
  std::unique_ptr<attempt_failure> last_failure;
  const routed_deployment* last = nullptr;
  const token_usage estimate = expected_tokens(ctx);

  for (const routed_group* group = &first; group; group = fallbacks.next()) {
    if (group != &first) metrics::count_fallback(first.config->name, group->config->name);
    if (!any_within_max_price(*group, estimate)) {
      // Refused rather than paid more; a fallback may still answer within its own.
      last_failure = std::make_unique<attempt_failure>(
          attempt_failure{over_max_price(*group), failure_kind::client_error, std::nullopt});
      continue;
    }
    boost::container::small_vector<const routed_deployment*, 4> tried, full;
    bool leave_group = false;
    for (int retry = 0; retry <= group->config->retries && !leave_group; ++retry) {
      const auto* dep = pick_deployment(*group, tried, clock::now(), ctx.rng, &estimate);
      if (!dep) break;  // every deployment is cooling down
      if (std::find(full.begin(), full.end(), dep) != full.end()) break;  // only full ones left
      std::unique_ptr<admission_request> slot;
      if (ctx.limits && dep->config->limits.any() &&
          !co_await take_capacity(ctx, *dep->config, slot, last_failure)) {
        // Passed over, not tried: no attempt, no backoff, no mark against its health.
        full.push_back(dep);
        tried.push_back(dep);
        --retry;
        continue;
      }
      in_flight_guard guard(*dep->health);

      std::optional<millis> retry_after;
      if (dep == last && last_failure) retry_after = last_failure->retry_after;
      if (retry_after && *retry_after > options.retry_after_cap) break;  // not worth the wait
      if (retry > 0) {
        auto delay = retry_delay(retry, options, retry_after, ctx.rng);
        if (ctx.deadline && clock::now() + delay >= *ctx.deadline) break;
        outside_wait waiting(ctx.waits);
        co_await sleep_for(ctx.executor, delay);
      }

      ++report.attempts;
      report.served_by = dep->config;
      last = dep;
      tried.push_back(dep);
      ctx.answer.note_header("x-keygate-deployment", dep->config->id);
      ctx.answer.note_header("x-keygate-attempts", std::to_string(report.attempts));
      ctx.answer.note_header("x-keygate-dropped-params", "");  // each attempt names its own
      ctx.answer.begin_try(dep->config->id, group->config->name);

      attempt_call call{
          ctx.request, *dep->config, ctx.upstream, bounded(dep->config->timeouts, ctx.deadline),
          ctx.answer,  ctx.waits,    ctx.executor, ctx.embeddings,
          ctx.images,  ctx.client};
      const auto upstream_before = ctx.waits.upstream_waited();
      // One co_await initializing the result: a result assigned from each branch's co_await
      // would keep a temporary copy of it in this frame.
      attempt_result result = co_await call_provider(*dep->implementation, call);
      metrics::count_attempt(group->config->name, dep->config->provider, dep->config->id, retry > 0,
                             ctx.waits.upstream_waited() - upstream_before);
      auto cancelled = (co_await net::this_coro::cancellation_state).cancelled();
      if (slot) {
        // Given back even when the client left (which cancelled this coroutine).
        co_await net::this_coro::reset_cancellation_state();
        co_await give_back_capacity(ctx, *slot);
      }
      if (cancelled != net::cancellation_type::none) co_return;  // the client left: no verdict
      guard.report(result);
      if (result.answered) co_return;

      last_failure = std::make_unique<attempt_failure>(std::move(*result.failure));
      // The error's code names what went wrong; a provider's error without one, its type.
      ctx.answer.end_try(last_failure->error.status,
                         last_failure->error.code.value_or(last_failure->error.type));
      switch (last_failure->kind) {
        case failure_kind::retryable:
        case failure_kind::deployment_fault:
          break;
        case failure_kind::context_window:
          leave_group = fallbacks.switch_to(first.context_window_fallbacks);
          if (!leave_group) group = nullptr;
          break;
        case failure_kind::content_policy:
          leave_group = fallbacks.switch_to(first.content_policy_fallbacks);
          if (!leave_group) group = nullptr;
          break;
        case failure_kind::client_error:
          group = nullptr;
          break;
      }
      if (!group) break;
    }
    if (!group) break;
  }

  if (last_failure)
    report.refusal = std::move(*last_failure);
  else
    report.refusal = attempt_failure{none_available(first), failure_kind::retryable, std::nullopt};
}

}  // namespace keygate
