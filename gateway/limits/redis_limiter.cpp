#include "gateway/limits/redis_limiter.hpp"

#include <openssl/sha.h>

#include <array>
#include <chrono>

#include "gateway/limits/redis_scripts.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

// How long a crashed instance's reservations and concurrency slots hold at most.
constexpr std::int64_t lease_ms = 15 * 60 * 1000;

std::atomic<std::uint64_t> unavailable{0};
std::atomic<std::int64_t> last_complaint_ms{0};

std::string sha1_hex(std::string_view text) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += hex[b >> 4];
    out += hex[b & 0xf];
  }
  return out;
}

void complain(const std::string& why) {
  ++unavailable;
  using namespace std::chrono;
  const auto now = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  auto last = last_complaint_ms.load();
  if (now - last < 1000 || !last_complaint_ms.compare_exchange_strong(last, now)) return;
  log_warn("redis unreachable; limits decided without it", {{"reason", why}});
}

std::int64_t element(const redis_reply& reply, std::size_t i) {
  return i < reply.elements.size() ? reply.elements[i].integer : -1;
}

std::optional<bucket_report> report_at(const redis_reply& reply, std::size_t first) {
  if (element(reply, first) < 0) return std::nullopt;
  return bucket_report{element(reply, first), element(reply, first + 1), element(reply, first + 2)};
}

}  // namespace

redis_limiter::redis_limiter(net::io_context& io, const redis_options& options)
    : redis_(io, options), prefix_(options.prefix + ":"), fail_open_(options.fail_open) {}

std::uint64_t redis_limiter::unavailable_count() {
  return unavailable.load();
}

task<redis_reply> redis_limiter::run_script(std::string_view script,
                                            std::vector<std::string> args) {
  static const std::string admit_sha = sha1_hex(redis_scripts::admit);
  static const std::string settle_sha = sha1_hex(redis_scripts::settle);
  static const std::string headroom_sha = sha1_hex(redis_scripts::headroom);
  args.insert(args.begin(), script == redis_scripts::admit    ? admit_sha
                            : script == redis_scripts::settle ? settle_sha
                                                              : headroom_sha);
  args.insert(args.begin(), "EVALSHA");
  auto reply = co_await redis_.command(args);
  if (reply.type == redis_reply::kind::error && reply.text.starts_with("NOSCRIPT")) {
    args[0] = "EVAL";
    args[1] = std::string(script);
    reply = co_await redis_.command(std::move(args));
  }
  co_return reply;
}

task<admission_result> redis_limiter::admit(const admission_request& request) {
  std::vector<std::string> args;
  const auto keys = request.rates.size() + request.parallel.size() + request.budgets.size();
  args.push_back(std::to_string(keys));
  for (const auto& r : request.rates) args.push_back(prefix_ + r.id);
  for (const auto& p : request.parallel) args.push_back(prefix_ + p.id);
  for (const auto& b : request.budgets) args.push_back(prefix_ + b.id);
  args.push_back(request.request_id);
  args.push_back(std::to_string(request.rates.size()));
  args.push_back(std::to_string(request.parallel.size()));
  args.push_back(std::to_string(request.budgets.size()));
  args.push_back(std::to_string(lease_ms));
  for (const auto& r : request.rates) {
    args.push_back(std::to_string(r.per_minute));
    args.push_back(std::to_string(r.amount));
    args.push_back(r.unit == rate_unit::requests ? "1" : "2");
    args.push_back(r.report ? "1" : "0");
  }
  for (const auto& p : request.parallel) args.push_back(std::to_string(p.max));
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  for (const auto& b : request.budgets) {
    args.push_back(std::to_string(b.limit_nanos));
    args.push_back(std::to_string(b.amount_nanos));
    args.push_back(
        std::to_string(std::max<std::int64_t>(b.period_end_ms - now_ms, 0) + 86'400'000));
  }
  auto reply = co_await run_script(redis_scripts::admit, std::move(args));
  admission_result result;
  if (reply.type != redis_reply::kind::array || reply.elements.size() < 9) {
    complain(reply.text);
    result.degraded = true;
    if (!fail_open_) result.refused = refusal::unavailable;
    co_return result;
  }
  static constexpr refusal kinds[] = {refusal::none, refusal::requests, refusal::tokens,
                                      refusal::parallel, refusal::budget};
  const auto kind = element(reply, 0);
  result.refused = kind >= 0 && kind <= 4 ? kinds[kind] : refusal::unavailable;
  if (!result.admitted()) {
    const auto index = static_cast<std::size_t>(element(reply, 1));
    const auto rates = request.rates.size(), parallel = request.parallel.size();
    if (index >= 1 && index <= rates)
      result.refused_id = request.rates[index - 1].id;
    else if (index > rates && index <= rates + parallel)
      result.refused_id = request.parallel[index - rates - 1].id;
    else if (index > rates + parallel && index - rates - parallel <= request.budgets.size())
      result.refused_id = request.budgets[index - rates - parallel - 1].id;
    result.retry_after_ms = element(reply, 2);
  }
  result.requests = report_at(reply, 3);
  result.tokens = report_at(reply, 6);
  co_return result;
}

task<void> redis_limiter::settle(const settlement& done) {
  std::vector<std::string> args;
  const auto keys = done.rates.size() + done.parallel.size() + done.budgets.size();
  if (keys == 0) co_return;
  args.push_back(std::to_string(keys));
  for (const auto& r : done.rates) args.push_back(prefix_ + r.id);
  for (const auto& p : done.parallel) args.push_back(prefix_ + p);
  for (const auto& b : done.budgets) args.push_back(prefix_ + b.id);
  args.push_back(done.request_id);
  args.push_back(std::to_string(done.rates.size()));
  args.push_back(std::to_string(done.parallel.size()));
  args.push_back(std::to_string(done.budgets.size()));
  for (const auto& r : done.rates) {
    args.push_back(std::to_string(r.per_minute));
    args.push_back(std::to_string(r.amount));
  }
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  for (const auto& b : done.budgets) {
    args.push_back(std::to_string(b.amount_nanos));
    args.push_back(
        std::to_string(std::max<std::int64_t>(b.period_end_ms - now_ms, 0) + 86'400'000));
  }
  auto reply = co_await run_script(redis_scripts::settle, std::move(args));
  if (!reply.ok()) complain("settlement: " + reply.text);
}

task<headroom_report> redis_limiter::headroom(const headroom_query& query) {
  headroom_report out;
  const auto keys = query.rates.size() + query.parallel.size();
  if (keys == 0) co_return out;
  std::vector<std::string> args;
  args.push_back(std::to_string(keys));
  for (const auto& r : query.rates) args.push_back(prefix_ + r.id);
  for (const auto& p : query.parallel) args.push_back(prefix_ + p.id);
  args.push_back(std::to_string(query.rates.size()));
  args.push_back(std::to_string(query.parallel.size()));
  for (const auto& r : query.rates) args.push_back(std::to_string(r.per_minute));
  for (const auto& p : query.parallel) args.push_back(std::to_string(p.max));
  auto reply = co_await run_script(redis_scripts::headroom, std::move(args));
  if (!reply.ok() || reply.elements.size() != keys) {
    log_warn("redis: limits' headroom not read", {{"reason", reply.text}});
    co_return out;
  }
  for (std::size_t i = 0; i < query.rates.size(); ++i) out.rates.push_back(element(reply, i));
  for (std::size_t j = 0; j < query.parallel.size(); ++j)
    out.parallel.push_back(element(reply, query.rates.size() + j));
  co_return out;
}

}  // namespace keygate
