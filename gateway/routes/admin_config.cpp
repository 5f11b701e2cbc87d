#include "gateway/routes/admin_config.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/config/masked_yaml.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

// The masked text, or nothing (logged) when the file cannot be read now.
std::optional<std::string> masked_text(const std::string& source) {
  try {
    return masked_config_yaml(source);
  } catch (const std::exception& e) {
    log_warn("config file cannot be shown", {{"reason", e.what()}});
    return std::nullopt;
  }
}

task<void> show_config(exchange& ex, worker_services& services) {
  const std::string source = services.store.current()->cfg().source;
  auto yaml = masked_text(source);
  if (!yaml) {
    const openai_error error{500, "The config file cannot be read right now.", "server_error",
                             std::nullopt, std::string("config_unreadable")};
    co_return co_await respond_error(ex, error);
  }
  json::object body;  // named: see docs/coroutines.md
  body["source"] = source;
  body["yaml"] = std::move(*yaml);
  co_await ex.respond(http::status::ok, json::serialize(body));
}

task<void> reload(exchange& ex, worker_services& services) {
  if (!services.shared.reload_config) {
    const openai_error error{501, "This gateway cannot reload its config.", "server_error",
                             std::nullopt, std::string("no_reload")};
    co_return co_await respond_error(ex, error);
  }
  const auto result = services.shared.reload_config();
  json::object body;  // named: see docs/coroutines.md
  body["applied"] = result.applied;
  if (!result.applied) {
    json::array problems;
    for (const auto& p : result.problems) problems.emplace_back(p);
    body["problems"] = std::move(problems);
  }
  co_await ex.respond(result.applied ? http::status::ok : http::status::unprocessable_entity,
                      json::serialize(body));
}

}  // namespace

task<void> handle_admin_config(exchange& ex, worker_services& services, std::string_view rest) {
  const auto method = ex.request().method();
  if (rest.empty() && method == http::verb::get) co_return co_await show_config(ex, services);
  if (rest == "/reload" && method == http::verb::post) co_return co_await reload(ex, services);
  const openai_error error{405, "Use GET /admin/config or POST /admin/config/reload.",
                           "invalid_request_error", std::nullopt,
                           std::string("method_not_allowed")};
  co_await respond_error(ex, error);
}

}  // namespace keygate
