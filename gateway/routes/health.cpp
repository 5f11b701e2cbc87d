#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "gateway/routes/routes.hpp"

namespace keygate {

task<void> handle_health(exchange& ex) {
  co_await ex.respond(http::status::ok, R"({"status":"ok"})");
}

task<void> handle_health_ready(exchange& ex, const worker_services& services) {
  const auto now = deployment_health::clock::now();
  boost::json::array models;
  bool ready = true;
  const auto table = services.store.current();
  for (const auto& group : table->groups()) {
    boost::json::array deployments;
    bool any_available = false;
    for (const auto& d : group.deployments) {
      const auto state = d.health->current_state(now);
      any_available = any_available || state != deployment_health::state::cooling_down;
      const auto ttfb = d.health->ttfb_average_us.load();
      deployments.push_back(
          {{"id", d.config->id},
           {"provider", d.config->provider},
           {"state", to_string(state)},
           {"in_flight", d.health->in_flight.load()},
           {"recent_failures", d.health->failures_in_window(now)},
           {"cooldown_remaining_ms",
            std::chrono::duration_cast<std::chrono::milliseconds>(d.health->cooldown_remaining(now))
                .count()},
           {"ttfb_average_ms", ttfb < 0 ? boost::json::value(nullptr)
                                        : boost::json::value(static_cast<double>(ttfb) / 1000)}});
    }
    ready = ready && any_available;
    models.push_back({{"name", group.config->name},
                      {"available", any_available},
                      {"deployments", std::move(deployments)}});
  }
  const auto connections = count_upstream_connections();
  boost::json::object body{
      {"status", ready ? "ready" : "degraded"},
      {"models", std::move(models)},
      {"upstream_connections", {{"open", connections.open}, {"idle", connections.idle}}},
      {"config",
       {{"source", table->cfg().source},
        {"reloads", services.store.reloads()},
        {"failed_reloads", services.store.failed_reloads()}}}};
  co_await ex.respond(ready ? http::status::ok : http::status::service_unavailable,
                      boost::json::serialize(body));
}

}  // namespace keygate
