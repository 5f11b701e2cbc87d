#include "gateway/limits/local_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace keygate {

namespace {

constexpr double minute_ms = 60'000.0;

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

refusal refusal_for(rate_unit unit) {
  return unit == rate_unit::requests ? refusal::requests : refusal::tokens;
}

}  // namespace

std::int64_t bucket_reset_ms(double level, std::int64_t per_minute) {
  if (per_minute <= 0 || level >= static_cast<double>(per_minute)) return 0;
  return static_cast<std::int64_t>(
      std::ceil((static_cast<double>(per_minute) - level) * minute_ms / per_minute));
}

std::int64_t bucket_wait_ms(double level, std::int64_t amount, std::int64_t per_minute) {
  if (per_minute <= 0) return 0;
  // A request larger than the whole bucket can never fit; say a minute.
  if (amount > per_minute) return static_cast<std::int64_t>(minute_ms);
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil((amount - level) * minute_ms / per_minute)));
}

local_limiter::local_limiter(clock_fn now) : now_(now ? std::move(now) : clock_fn(steady_ms)) {}

task<admission_result> local_limiter::admit(const admission_request& request) {
  co_return admit_now(request);
}

task<void> local_limiter::settle(const settlement& done) {
  settle_now(done);
  co_return;
}

task<headroom_report> local_limiter::headroom(const headroom_query& query) {
  co_return headroom_now(query);
}

headroom_report local_limiter::headroom_now(const headroom_query& query) const {
  std::lock_guard lock(mutex_);
  const std::int64_t now = now_();
  headroom_report out;
  for (const auto& take : query.rates) {
    const double cap = static_cast<double>(take.per_minute);
    double level = cap;  // a bucket never taken from is full
    if (auto it = buckets_.find(take.id); it != buckets_.end()) {
      const double elapsed = static_cast<double>(std::max<std::int64_t>(0, now - it->second.at_ms));
      level = std::min(cap, it->second.level + elapsed * cap / minute_ms);
    }
    out.rates.push_back(std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(level))));
  }
  for (const auto& take : query.parallel) {
    auto it = parallel_.find(take.id);
    const std::int64_t busy = it == parallel_.end() ? 0 : it->second;
    out.parallel.push_back(std::max<std::int64_t>(0, take.max - busy));
  }
  return out;
}

local_limiter::bucket& local_limiter::refill(const rate_take& take, std::int64_t now) {
  auto [it, fresh] = buckets_.try_emplace(take.id);
  bucket& b = it->second;
  const double cap = static_cast<double>(take.per_minute);
  if (fresh) {
    b.level = cap;
  } else {
    const double elapsed = static_cast<double>(std::max<std::int64_t>(0, now - b.at_ms));
    b.level = std::min(cap, b.level + elapsed * cap / minute_ms);
  }
  b.at_ms = now;
  return b;
}

admission_result local_limiter::admit_now(const admission_request& request) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = now_();
  admission_result result;
  // Check every limit first; take from them only when all agree.
  for (const auto& take : request.rates) {
    bucket& b = refill(take, now);
    if (b.level + 1e-9 < static_cast<double>(take.amount) && result.admitted()) {
      result.refused = refusal_for(take.unit);
      result.refused_id = take.id;
      result.retry_after_ms = bucket_wait_ms(b.level, take.amount, take.per_minute);
    }
  }
  for (const auto& take : request.parallel)
    if (parallel_[take.id] >= take.max && result.admitted()) {
      result.refused = refusal::parallel;
      result.refused_id = take.id;
      result.retry_after_ms = 1000;
    }
  for (const auto& take : request.budgets) {
    const auto& state = budgets_[take.id];
    const bool fits = state.spent + state.reserved + take.amount_nanos <= take.limit_nanos;
    // The edge is for the last request while what is spent and reserved is still under the
    // limit: once it is granted (or reservations alone pass the limit) nobody else gets in.
    const bool edge_free = state.edge.empty() && state.spent + state.reserved < take.limit_nanos;
    if (!fits && !edge_free && result.admitted()) {
      result.refused = refusal::budget;
      result.refused_id = take.id;
    }
  }
  for (const auto& take : request.rates) {
    bucket& b = buckets_[take.id];
    if (result.admitted()) b.level -= static_cast<double>(take.amount);
    if (!take.report) continue;
    bucket_report report{take.per_minute,
                         std::max<std::int64_t>(0, std::llround(std::floor(b.level))),
                         bucket_reset_ms(b.level, take.per_minute)};
    (take.unit == rate_unit::requests ? result.requests : result.tokens) = report;
  }
  if (!result.admitted()) return result;
  for (const auto& take : request.parallel) ++parallel_[take.id];
  for (const auto& take : request.budgets) {
    auto& state = budgets_[take.id];
    if (state.spent + state.reserved + take.amount_nanos > take.limit_nanos)
      state.edge = request.request_id;
    state.reserved += take.amount_nanos;
    reservations_[take.id][request.request_id] = take.amount_nanos;
  }
  return result;
}

void local_limiter::settle_now(const settlement& done) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = now_();
  for (const auto& take : done.rates) {
    bucket& b = refill(take, now);
    // Below zero is a debt, paid by waiting; a refund never fills past the bucket's size.
    b.level =
        std::min(static_cast<double>(take.per_minute), b.level - static_cast<double>(take.amount));
  }
  for (const auto& id : done.parallel) {
    auto it = parallel_.find(id);
    if (it != parallel_.end() && --it->second <= 0) parallel_.erase(it);
  }
  for (const auto& take : done.budgets) {
    auto& state = budgets_[take.id];
    state.spent += take.amount_nanos;
    auto& held = reservations_[take.id];
    if (auto r = held.find(done.request_id); r != held.end()) {
      state.reserved -= r->second;
      held.erase(r);
    }
    if (state.edge == done.request_id) state.edge.clear();
  }
}

void local_limiter::add_spent(const std::string& budget_id, std::int64_t nanos) {
  std::lock_guard lock(mutex_);
  budgets_[budget_id].spent += nanos;
}

std::int64_t local_limiter::spent(const std::string& budget_id) const {
  std::lock_guard lock(mutex_);
  auto it = budgets_.find(budget_id);
  return it == budgets_.end() ? 0 : it->second.spent;
}

}  // namespace keygate
