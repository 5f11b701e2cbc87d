#include "gateway/pipeline/request_cache.hpp"

#include <boost/asio/this_coro.hpp>
#include <cctype>

#include "gateway/metrics/request_metrics.hpp"
#include "gateway/pipeline/cache_key.hpp"

namespace keygate {

namespace {

// The longest an identical request waits for the one in flight before going upstream itself.
constexpr std::chrono::minutes longest_follow{10};

bool contains_word(std::string_view text, std::string_view word) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(word) != std::string::npos;
}

std::string_view header(const http_request& request, std::string_view name) {
  auto it = request.find(name);
  return it == request.end() ? std::string_view() : std::string_view(it->value());
}

bool cacheable_route(std::string_view route) {
  // Responses are stored and chained by id (previous_response_id): not replayed.
  return route == "chat.completions" || route == "embeddings" || route == "messages";
}

}  // namespace

request_cache::~request_cache() {
  land();
}

void request_cache::plan(const routed_group& group, const caller& who,
                         const canonical_request& request, std::string_view route) {
  const group_cache_options& options = group.config->cache;
  if (!options.enabled || !cacheable_route(route)) return;
  const http_request& client = ex_.request();
  const auto asked = header(client, "x-keygate-cache");
  if (contains_word(asked, "off")) return;
  const auto cache_control = header(client, "cache-control");
  if (contains_word(cache_control, "no-store")) return;
  // A sampled answer is one of many: replaying it is a choice the group makes.
  const bool greedy = request.temperature && *request.temperature == 0;
  if (route != "embeddings" && !greedy && !options.any_temperature) return;
  auto key = response_cache_key(route, group.config->name, client.body(),
                                options.per_key ? who.key_id() : std::string_view());
  if (!key) return;
  plan_ = std::make_unique<active_plan>();
  plan_->read = !contains_word(cache_control, "no-cache");
  plan_->key = std::move(*key);
  plan_->model = group.config->name;
  plan_->ttl = options.ttl;
  plan_->capture.limit = options.max_entry_bytes;
  plan_->capture.answer.stream = request.stream;
}

task<std::shared_ptr<const cached_answer>> request_cache::find() {
  if (auto hit = services_.shared.answer_cache.find(plan_->key, unix_ms_now())) co_return hit;
  if (!services_.cache_redis) co_return nullptr;
  std::vector<std::string> args{"GET", plan_->key};
  const auto reply = co_await services_.cache_redis->command(std::move(args));
  if (reply.type != redis_reply::kind::text) co_return nullptr;  // nil, or Redis unreachable
  auto decoded = decode_cached_answer(reply.text);
  if (!decoded) co_return nullptr;
  auto shared = std::make_shared<const cached_answer>(std::move(*decoded));
  // Kept here too, for a while: the entry's own remaining life is Redis's to know.
  services_.shared.answer_cache.put(plan_->key, shared, unix_ms_now() + plan_->ttl.count());
  co_return shared;
}

task<std::shared_ptr<const cached_answer>> request_cache::look(
    std::optional<std::chrono::steady_clock::time_point> deadline) {
  if (!active()) co_return nullptr;
  std::shared_ptr<const cached_answer> hit;
  if (plan_->read) hit = co_await find();
  if (!hit && plan_->read) {
    auto executor = co_await net::this_coro::executor;
    auto waiter = std::make_shared<flight_waiter>(executor);
    plan_->leading = services_.shared.in_flight_answers.lead_or_join(plan_->key, waiter);
    if (!plan_->leading) {
      const auto until = std::chrono::steady_clock::now() + longest_follow;
      waiter->timer.expires_at(deadline ? std::min(*deadline, until) : until);
      co_await waiter->timer.async_wait(use_nothrow);
      hit = co_await find();
    }
  }
  // The stream flag is part of the key, but a body saying otherwise is not replayed as it.
  if (hit && hit->stream != plan_->capture.answer.stream) hit = nullptr;
  ex_.extra_headers().set("x-keygate-cache", hit ? "hit" : "miss");
  metrics::count_cache_lookup(plan_->model, hit != nullptr, hit ? hit->body.size() : 0,
                              hit ? hit->cost_nanos : std::nullopt);
  plan_->capturing = !hit;
  co_return hit;
}

task<void> request_cache::keep(const answer_outcome& outcome,
                               std::optional<std::int64_t> cost_nanos) {
  if (!plan_) co_return;
  auto& capture = plan_->capture;
  const bool whole = outcome.status == 200 && outcome.error_code.empty() && !outcome.client_gone &&
                     (!capture.answer.stream || outcome.stream_completed);
  if (plan_->capturing && whole && !capture.too_big && !capture.answer.body.empty()) {
    plan_->capturing = false;
    capture.answer.usage = outcome.usage;
    capture.answer.cost_nanos = cost_nanos;
    auto answer = std::make_shared<const cached_answer>(std::move(capture.answer));
    services_.shared.answer_cache.put(plan_->key, answer, unix_ms_now() + plan_->ttl.count());
    if (services_.cache_redis) {
      std::vector<std::string> args{"SET", plan_->key, encode_cached_answer(*answer), "PX",
                                    std::to_string(plan_->ttl.count())};
      co_await net::this_coro::reset_cancellation_state();
      co_await services_.cache_redis->command(std::move(args));
    }
  }
  land();
}

void request_cache::land() {
  if (!plan_ || !plan_->leading) return;
  plan_->leading = false;
  services_.shared.in_flight_answers.land(plan_->key);
}

}  // namespace keygate
