#include "gateway/routes/admin_live.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/accounting/ledger_store.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/routes/admin_query.hpp"
#include "gateway/routes/admin_request_json.hpp"

namespace keygate {

namespace {

constexpr std::chrono::seconds keep_alive_every{15};

struct live_filter {
  admin_filters filters;
  std::string status;  // "", a code, a class ("4xx") or "error"

  bool matches(const ledger_record& r) const {
    if (filters.key && r.key_id != *filters.key) return false;
    if (filters.model && r.model != *filters.model) return false;
    if (status.empty()) return true;
    const bool success = r.status >= 200 && r.status <= 299;
    if (status == "error") return !success;
    if (status.size() == 3 && status.substr(1) == "xx") return r.status / 100 == status[0] - '0';
    return std::to_string(r.status) == status;
  }
};

bool valid_status(std::string_view s) {
  if (s.empty() || s == "error") return true;
  if (s.size() != 3) return false;
  if (s.substr(1) == "xx") return s[0] >= '1' && s[0] <= '5';
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The events for what the watcher holds: one `data:` per matching record, then the drop count.
std::string events_for(live_watcher& watcher, const live_filter& filter) {
  std::uint64_t dropped = 0;
  auto records = watcher.take(dropped);
  std::string out;
  for (const auto& record : records) {
    if (!filter.matches(*record)) continue;
    out += "data: ";
    out += boost::json::serialize(request_record_json(*record));
    out += "\n\n";
  }
  if (dropped > 0) out += "event: dropped\ndata: {\"count\": " + std::to_string(dropped) + "}\n\n";
  return out;
}

// Sends events until a write fails or the server shuts down (then the stream ends in good order).
// Only the waits race the shutdown: a chunk is never cut halfway.
task<void> send_events(exchange& ex, live_watcher& watcher, const live_filter& filter) {
  using namespace net::experimental::awaitable_operators;
  for (;;) {
    auto woken = co_await (watcher.wait(keep_alive_every) || ex.wait_shutdown());
    if (woken.index() == 1) {
      co_await ex.end_stream();
      co_return;
    }
    std::string events = std::get<0>(woken) ? events_for(watcher, filter) : ": keep-alive\n\n";
    if (events.empty()) continue;
    if (!co_await ex.write_chunk(events)) co_return;
  }
}

}  // namespace

task<void> handle_admin_live(exchange& ex, worker_services& services, const caller& who) {
  if (ex.request().method() != http::verb::get) {
    const openai_error error{405, "Use GET.", "invalid_request_error", std::nullopt,
                             std::string("method_not_allowed")};
    co_return co_await respond_error(ex, error);
  }
  admin_params params;
  auto problem = read_admin_params(ex.request().target(), {"key", "model"}, {"status"}, params);
  live_filter filter;
  if (!problem) {
    filter.status = params.others.contains("status") ? params.others["status"] : "";
    if (!valid_status(filter.status))
      problem = invalid_request("status must be a code (200), a class (4xx) or error.", "status");
  }
  if (!problem) problem = scope_to_caller(who, services.shared.ledger.get(), params.filters);
  if (problem) co_return co_await respond_error(ex, *problem);
  filter.filters = std::move(params.filters);

  auto watcher = std::make_shared<live_watcher>(ex.executor());
  live_feed& feed = services.shared.live;
  feed.subscribe(watcher);
  struct leave {
    live_feed& feed;
    std::shared_ptr<live_watcher> watcher;
    ~leave() { feed.unsubscribe(watcher); }
  } unsubscribe_on_exit{feed, watcher};

  const std::string_view head =
      "content-type: text/event-stream\r\ncache-control: no-cache\r\nx-accel-buffering: no\r\n";
  if (!co_await ex.begin_stream(http::status::ok, head)) co_return;
  // A first comment, so the client knows the stream is open before any request finishes.
  if (!co_await ex.write_chunk(": live\n\n")) co_return;
  // A client that leaves is noticed at once, not at the next keep-alive's failed write.
  using namespace net::experimental::awaitable_operators;
  auto ended = co_await (send_events(ex, *watcher, filter) || ex.wait_client_gone());
  if (ended.index() == 1) ex.abandon();
}

}  // namespace keygate
