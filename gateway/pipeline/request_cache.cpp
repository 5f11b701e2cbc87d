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
  read_ = !contains_word(cache_control, "no-cache");
  // A sampled answer is one of many: replaying it is a choice the group makes.
  const bool greedy = request.temperature && *request.temperature == 0;
  if (route != "embeddings" && !greedy && !options.any_temperature) return;
  key_ = response_cache_key(route, group.config->name, client.body(),
                            options.per_key ? who.key_id() : std::string_view());
  model_ = group.config->name;
  ttl_ = options.ttl;
  capture_.limit = options.max_entry_bytes;
  capture_.answer.stream = request.stream;
}

task<std::shared_ptr<const cached_answer>> request_cache::find() {
  if (auto hit = services_.shared.answer_cache.find(*key_, unix_ms_now())) co_return hit;
  if (!services_.cache_redis) co_return nullptr;
  std::vector<std::string> args{"GET", *key_};
  const auto reply = co_await services_.cache_redis->command(std::move(args));
  if (reply.type != redis_reply::kind::text) co_return nullptr;  // nil, or Redis unreachable
  auto decoded = decode_cached_answer(reply.text);
  if (!decoded) co_return nullptr;
  auto shared = std::make_shared<const cached_answer>(std::move(*decoded));
  // Kept here too, for a while: the entry's own remaining life is Redis's to know.
  services_.shared.answer_cache.put(*key_, shared, unix_ms_now() + ttl_.count());
  co_return shared;
}

task<std::shared_ptr<const cached_answer>> request_cache::look(
    std::optional<std::chrono::steady_clock::time_point> deadline) {
  if (!active()) co_return nullptr;
  std::shared_ptr<const cached_answer> hit;
  if (read_) hit = co_await find();
  if (!hit && read_) {
    auto executor = co_await net::this_coro::executor;
    auto waiter = std::make_shared<flight_waiter>(executor);
    leading_ = services_.shared.in_flight_answers.lead_or_join(*key_, waiter);
    if (!leading_) {
      const auto until = std::chrono::steady_clock::now() + longest_follow;
      waiter->timer.expires_at(deadline ? std::min(*deadline, until) : until);
      co_await waiter->timer.async_wait(use_nothrow);
      hit = co_await find();
    }
  }
  // The stream flag is part of the key, but a body saying otherwise is not replayed as it.
  if (hit && hit->stream != capture_.answer.stream) hit = nullptr;
  ex_.extra_headers().set("x-keygate-cache", hit ? "hit" : "miss");
  metrics::count_cache_lookup(model_, hit != nullptr, hit ? hit->body.size() : 0,
                              hit ? hit->cost_nanos : std::nullopt);
  capturing_ = !hit;
  co_return hit;
}

task<void> request_cache::keep(const answer_outcome& outcome,
                               std::optional<std::int64_t> cost_nanos) {
  const bool whole = outcome.status == 200 && outcome.error_code.empty() && !outcome.client_gone &&
                     (!capture_.answer.stream || outcome.stream_completed);
  if (capturing_ && whole && !capture_.too_big && !capture_.answer.body.empty()) {
    capturing_ = false;
    capture_.answer.usage = outcome.usage;
    capture_.answer.cost_nanos = cost_nanos;
    auto answer = std::make_shared<const cached_answer>(std::move(capture_.answer));
    services_.shared.answer_cache.put(*key_, answer, unix_ms_now() + ttl_.count());
    if (services_.cache_redis) {
      std::vector<std::string> args{"SET", *key_, encode_cached_answer(*answer), "PX",
                                    std::to_string(ttl_.count())};
      co_await net::this_coro::reset_cancellation_state();
      co_await services_.cache_redis->command(std::move(args));
    }
  }
  land();
}

void request_cache::land() {
  if (!leading_) return;
  leading_ = false;
  services_.shared.in_flight_answers.land(*key_);
}

}  // namespace keygate
