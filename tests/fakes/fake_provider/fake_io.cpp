#include "fake_io.hpp"

#include <boost/asio/steady_timer.hpp>

#include "fake_stats.hpp"

namespace fake {

namespace http = keygate::http;
using keygate::task;

task<void> sleep_for(keygate::exchange& ex, millis delay) {
  if (delay.count() <= 0) co_return;
  keygate::net::steady_timer timer(ex.executor(), delay);
  co_await timer.async_wait(keygate::use_nothrow);
}

task<void> send_events(keygate::exchange& ex, const std::vector<std::string>& events,
                       std::size_t first_content, int content_count, const fault_knobs& knobs,
                       keygate::http_fields fields) {
  if (!co_await ex.begin_stream(http::status::ok, std::move(fields))) co_return;
  stream_counter active;
  co_await sleep_for(ex, knobs.ttft);

  if (knobs.drip.count() > 0) {  // slow drip: every byte on its own, with a pause between
    for (const auto& event : events)
      for (char c : event) {
        if (!co_await ex.write_chunk(std::string_view(&c, 1))) co_return;
        co_await sleep_for(ex, knobs.drip);
      }
    co_await ex.end_stream();
    co_return;
  }

  const std::size_t cut_at = first_content + static_cast<std::size_t>(content_count / 2);
  const std::size_t content_end = first_content + static_cast<std::size_t>(content_count);
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i == cut_at && (knobs.reset_mid_stream || knobs.truncate)) {
      if (knobs.reset_mid_stream) co_return ex.abort();
      co_await ex.end_stream();
      co_return;
    }
    if (i > first_content && i < content_end) co_await sleep_for(ex, knobs.itl);
    if (!co_await ex.write_chunk(events[i])) co_return active.cancelled();
  }
  co_await ex.end_stream();
}

task<void> send_whole(keygate::exchange& ex, std::string body, const fault_knobs& knobs) {
  if (!knobs.reset_mid_stream && !knobs.truncate && knobs.itl.count() == 0)
    co_return co_await ex.respond(http::status::ok, std::move(body));
  keygate::http_fields fields;
  fields.set(http::field::content_type, "application/json");
  if (!co_await ex.begin_stream(http::status::ok, std::move(fields))) co_return;
  const std::string_view whole = body;
  if (!co_await ex.write_chunk(whole.substr(0, whole.size() / 2))) co_return;
  if (knobs.reset_mid_stream) co_return ex.abort();
  if (knobs.truncate) co_return ex.close_connection();
  co_await sleep_for(ex, knobs.itl);
  if (co_await ex.write_chunk(whole.substr(whole.size() / 2))) co_await ex.end_stream();
}

}  // namespace fake
