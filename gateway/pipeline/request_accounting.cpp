#include "gateway/pipeline/request_accounting.hpp"

#include <boost/asio/this_coro.hpp>
#include <charconv>
#include <memory>

#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/deployment_price.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/metrics/request_metrics.hpp"
#include "gateway/pipeline/attempt_log.hpp"
#include "gateway/pipeline/rate_limit_headers.hpp"
#include "gateway/pipeline/unpriced_guard.hpp"

namespace keygate {

namespace {

// Reserved output when neither the request nor the price table bounds it.
constexpr std::int64_t unbounded_output_reserve = 32'768;

// The most this request can cost at any deployment it may reach (its group's and its
// fallbacks'); none when no deployment has a price.
std::optional<std::int64_t> worst_cost(const routed_group& group, const canonical_request& request,
                                       bool embeddings, const token_usage& units) {
  std::optional<std::int64_t> worst;
  auto consider = [&](const routed_group& g) {
    for (const auto& d : g.deployments) {
      const token_prices* price = price_for(*d.config);
      if (!price) continue;
      token_usage usage = units;
      // An upload's or a unit endpoint's body is no prompt: its units are its worst case.
      if (units.unit == usage_unit::none)
        usage.prompt = prompt_tokens_upper_bound(request.body.size());
      if (!embeddings && units.unit == usage_unit::none)
        usage.completion = request.max_tokens.value_or(
            price->max_output_tokens.value_or(unbounded_output_reserve));
      worst = std::max(worst.value_or(0), cost_nanos(usage, *price));
    }
  };
  consider(group);
  for (const auto* fallback : group.fallbacks) consider(*fallback);
  for (const auto* fallback : group.context_window_fallbacks) consider(*fallback);
  for (const auto* fallback : group.content_policy_fallbacks) consider(*fallback);
  return worst;
}

}  // namespace

request_accounting::request_accounting(exchange& ex, worker_services& services, const caller& who,
                                       std::string_view endpoint, const canonical_request& request)
    : ex_(ex),
      services_(services),
      who_(who),
      endpoint_(endpoint),
      request_(request),
      arrived_ms_(unix_ms_now()),
      labels_(metrics::labels_of(who)) {}

namespace {

std::string_view refused_limit(refusal r) {
  switch (r) {
    case refusal::requests:
      return "requests";
    case refusal::tokens:
      return "tokens";
    case refusal::parallel:
      return "parallel";
    case refusal::budget:
      return "budget";
    default:
      return {};
  }
}

}  // namespace

task<std::optional<refused_request>> request_accounting::admit(const routed_group& group) {
  // ledger.on_failure: refuse. The shared ledger cannot take records: serve nothing it would miss.
  if (services_.shared.ledger && services_.shared.ledger->refusing())
    co_return refused_request{{503, "Spend cannot be recorded right now; try again shortly.",
                               "server_error", std::nullopt, std::string("ledger_unavailable")},
                              std::chrono::milliseconds(1000)};
  if (auto unpriced = refuse_unpriced(who_, group))
    co_return refused_request{std::move(*unpriced), std::nullopt};
  const bool embeddings = endpoint_ == "embeddings";
  token_usage units;
  units.unit = billed_unit_;
  units.units = billed_units_;
  estimate_.tokens = billed_unit_ != usage_unit::none
                         ? 0
                         : prompt_tokens_estimate(request_.body.size()) +
                               (embeddings ? 0 : request_.max_tokens.value_or(0));
  if (who_.key) estimate_.worst_cost_nanos = worst_cost(group, request_, embeddings, units);
  admitted_ = plan_admission(who_, group.config->name, estimate_, std::string(ex_.request_id()),
                             arrived_ms_, end_user_);
  if (admitted_.rates.empty() && admitted_.parallel.empty() && admitted_.budgets.empty())
    co_return std::nullopt;
  const auto result = co_await services_.limits.admit(admitted_);
  set_rate_limit_headers(ex_.extra_headers(), result);
  if (result.admitted()) {
    holds_admission_ = true;
    co_return std::nullopt;
  }
  if (const auto limit = refused_limit(result.refused); !limit.empty())
    metrics::count_refusal({.model = group.config->name,
                            .key = labels_.key,
                            .key_alias = labels_.key_alias,
                            .team = labels_.team},
                           limit);
  std::optional<std::chrono::milliseconds> retry;
  if (result.retry_after_ms > 0) retry = std::chrono::milliseconds(result.retry_after_ms);
  co_return refused_request{refusal_error(result), retry};
}

void request_accounting::compute_cost(const deployment* target, const token_usage& usage) {
  cost_.reset();
  prompt_cache_saved_.reset();
  if (!target) return;
  const token_prices* price = price_for(*target);
  if (!price) return;
  cost_ = keygate::cost_nanos(usage, *price);
  cache_read_saving_ = cache_write_premium_ = 0;
  if (usage.cached == 0 && usage.cache_write == 0) return;
  token_usage unread = usage;
  unread.cached = 0;
  token_usage unwritten = usage;
  unwritten.cache_write = 0;
  cache_read_saving_ = keygate::cost_nanos(unread, *price) - *cost_;
  cache_write_premium_ = *cost_ - keygate::cost_nanos(unwritten, *price);
  prompt_cache_saved_ = cache_read_saving_ - cache_write_premium_;
}

std::string request_accounting::cost_text(const deployment& target, const token_usage& usage) {
  compute_cost(&target, usage);
  return cost_ ? format_usd(*cost_) : std::string();
}

ledger_record request_accounting::make_record(const deployment* target,
                                              const answer_outcome& outcome) const {
  ledger_record r;
  r.request_id = std::string(ex_.request_id());
  r.time_ms = arrived_ms_;
  r.key_id = std::string(who_.key_id());
  if (who_.key) r.team = who_.key->team;
  r.endpoint = std::string(endpoint_);
  r.model = request_.model;
  if (target) {
    r.deployment = target->id;
    r.provider = target->provider;
  }
  r.status = outcome.status;
  r.error_code = outcome.error_code;
  r.usage = outcome.usage;
  r.cost_nanos = cost_;
  r.saved_nanos = prompt_cache_saved_;
  r.latency_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - ex_.started_at())
          .count();
  r.stream = request_.stream;
  r.client_gone = outcome.client_gone;
  r.end_user = end_user_;
  using ms = std::chrono::duration<double, std::milli>;
  r.overhead_ms = ms(ex_.overhead()).count();
  if (request_.stream && ex_.answer_started_at() && outcome.status == 200)
    r.ttft_ms = ms(*ex_.answer_started_at() - ex_.started_at()).count();
  // The attempt loop tells the client how many deployments it tried; the record says the same.
  if (auto tried = ex_.extra_headers().find("x-keygate-attempts"))
    std::from_chars(tried->data(), tried->data() + tried->size(), r.attempts);
  r.attempt_log = attempt_log_json(outcome);
  return r;
}

task<void> request_accounting::settle(const token_usage& usage) {
  if (!holds_admission_) co_return;
  holds_admission_ = false;
  // Given back even when the client left and cancelled the request.
  co_await net::this_coro::reset_cancellation_state();
  auto done = plan_settlement(admitted_, estimate_.tokens, usage.total(), cost_);
  co_await services_.limits.settle(done);
}

task<void> request_accounting::before_last_bytes(const deployment& target,
                                                 const answer_outcome& outcome) {
  compute_cost(&target, outcome.usage);
  // Settled before the client has the whole answer, so its next request sees this one's cost
  // and not its reservation.
  co_await settle(outcome.usage);
  if (recorded_) co_return;
  recorded_ = true;
  // On the heap, not in this coroutine's frame: a frame over 1020 bytes is never recycled by
  // asio's per-thread cache, and costs an aligned allocation (and an eviction) every request.
  const auto record = std::make_unique<ledger_record>(make_record(&target, outcome));
  if (!count(*record)) co_return;
  try {
    co_await services_.shared.ledger->append_durable(std::move(*record));
  } catch (const std::exception&) {
    // Cancelled (the client left; the record is still written) or given up by a failing disk,
    // which the ledger logs: the answer goes out either way.
  }
}

task<void> request_accounting::before_last_bytes_cached(const answer_outcome& outcome,
                                                        std::optional<std::int64_t> saved_nanos) {
  cost_ = 0;
  // No upstream tokens: the token buckets get the estimate back, the budgets are charged 0.
  const token_usage none;
  co_await settle(none);
  if (recorded_) co_return;
  recorded_ = true;
  const auto record = std::make_unique<ledger_record>(make_record(nullptr, outcome));  // as above
  record->provider = "cache";
  record->cache_hit = true;
  record->saved_nanos = saved_nanos;
  if (!services_.shared.ledger) co_return;
  try {
    co_await services_.shared.ledger->append_durable(std::move(*record));
  } catch (const std::exception&) {
    // As for any answer: cancelled or given up by a failing disk (logged); it goes out anyway.
  }
}

task<void> request_accounting::finish(const request_report& report) {
  const answer_outcome& outcome = report.outcome;
  if (!recorded_) compute_cost(report.served_by, outcome.usage);
  co_await settle(outcome.usage);
  if (recorded_) co_return;
  recorded_ = true;
  auto record = make_record(report.served_by, outcome);
  if (count(record)) services_.shared.ledger->append(std::move(record));
}

bool request_accounting::count(const ledger_record& record) {
  if (services_.shared.live.watched()) services_.shared.live.publish(record);
  if (!record.deployment.empty())
    metrics::count_usage({.model = record.model,
                          .provider = record.provider,
                          .deployment = record.deployment,
                          .key = labels_.key,
                          .key_alias = labels_.key_alias,
                          .team = labels_.team},
                         record.usage, record.cost_nanos);
  if (record.saved_nanos && !record.cache_hit)
    metrics::count_prompt_cache(record.model, record.deployment, cache_read_saving_,
                                cache_write_premium_);
  return services_.shared.ledger != nullptr;
}

}  // namespace keygate
