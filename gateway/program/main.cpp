// keygate: an OpenAI-compatible gateway in front of the user's own provider keys.
#include <boost/json/array.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "gateway/accounting/ledger_store.hpp"
#include "gateway/accounting/unpriced.hpp"
#include "gateway/cli/import_litellm_command.hpp"
#include "gateway/cli/keys_command.hpp"
#include "gateway/config/config.hpp"
#include "gateway/config/startup_summary.hpp"
#include "gateway/console/console_services.hpp"
#include "gateway/console/import_plan.hpp"
#include "gateway/engine/routing_store.hpp"
#include "gateway/http/http_server.hpp"
#include "gateway/http/listener_tls.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/program/file_watcher.hpp"
#include "gateway/program/ledger_command.hpp"
#include "gateway/program/port_file.hpp"
#include "gateway/program/prices_command.hpp"
#include "gateway/routes/routes.hpp"
#include "gateway/services/shared_services.hpp"
#include "gateway/services/worker_services.hpp"
#include "gateway/translators/registry.hpp"

namespace {

constexpr std::string_view usage_text =
    "usage: keygate --config FILE [--port N] [--port-file FILE]\n"
    "       keygate --check-config FILE\n"
    "       keygate prices import FILE [--out PATH]\n"
    "       keygate --version\n"
    "       keygate keys create|update|list|revoke ...   (keygate keys --help)\n"
    "       keygate import-litellm LITELLM_CONFIG [KEYGATE_CONFIG]\n"
    "       keygate ledger import --config FILE SQLITE_LEDGER\n";

struct cli {
  std::string config_path;
  std::string check_path;
  std::string port_file;
  int port = -1;
  bool version = false;
};

bool parse_cli(int argc, char** argv, cli& out) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (arg == "--version")
      out.version = true;
    else if (arg == "--config" && (v = value()))
      out.config_path = v;
    else if (arg == "--check-config" && (v = value()))
      out.check_path = v;
    else if (arg == "--port-file" && (v = value()))
      out.port_file = v;
    else if (arg == "--port" && (v = value()))
      out.port = std::atoi(v);
    else
      return false;
  }
  return out.version || !out.config_path.empty() || !out.check_path.empty();
}

keygate::config load_or_report(const std::string& path) {
  try {
    return keygate::load_config_file(path);
  } catch (const keygate::config_error& e) {
    for (const auto& problem : e.problems()) std::cerr << problem << "\n";
    std::exit(2);
  }
}

void log_startup(const keygate::config& cfg, std::uint16_t port,
                 std::optional<std::uint16_t> metrics_port) {
  for (const auto& group : cfg.models)
    keygate::log_info("model group", keygate::describe_group(group));
  boost::json::object fields{{"host", cfg.server.host},
                             {"port", port},
                             {"threads", cfg.server.threads},
                             {"tls", cfg.server.tls.enabled()},
                             {"models", cfg.models.size()}};
  if (metrics_port) fields["metrics_port"] = *metrics_port;
  keygate::log_info("keygate listening", std::move(fields));
}

void warn_unverified(const keygate::config& cfg) {
  for (const auto& id : keygate::unverified_deployments(cfg))
    keygate::log_warn("upstream TLS certificate not verified (tls_verify: false)",
                      {{"deployment", id}});
  for (const auto* d : keygate::unpriced_deployments(cfg))
    keygate::log_warn("deployment has no known price: keys and teams with a budget are refused it",
                      {{"deployment", d->id},
                       {"provider", d->provider},
                       {"upstream_model", d->model},
                       {"fix", "price: or allow_unpriced: true on the deployment"}});
}

keygate::tls_context_ptr tls_or_report(const keygate::config& cfg) {
  try {
    return keygate::make_listener_tls_context(cfg.server.tls);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    std::exit(2);
  }
}

// The listener of the separate metrics port, when the config asks for one: one thread, and a
// short drain (a scraper's keep-alive connection must not hold the shutdown up).
std::unique_ptr<keygate::http_server> make_metrics_server(const keygate::config& cfg,
                                                          const keygate::routing_store& store,
                                                          keygate::shared_services& shared) {
  if (!cfg.metrics.port) return nullptr;
  auto options = cfg.server;
  options.port = *cfg.metrics.port;
  if (!cfg.metrics.host.empty()) options.host = cfg.metrics.host;
  options.threads = 1;
  options.shutdown_grace = std::min(options.shutdown_grace, keygate::millis(1000));
  return std::make_unique<keygate::http_server>(
      options, [&store, &shared](unsigned, keygate::net::io_context&) {
        return [&store, &shared](keygate::exchange& ex) {
          return keygate::dispatch_metrics_port(ex, store, shared);
        };
      });
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" || host.starts_with("127.");
}

// With no key at all, anyone who reaches the port can spend the provider keys: stay on loopback.
void guard_open_gateway(keygate::config& cfg, const keygate::shared_services& shared) {
  if (shared.keys.current()->auth_enabled) return;
  if (!is_loopback(cfg.server.host)) {
    keygate::log_warn("no keys are configured: listening on 127.0.0.1 only, not on the host asked",
                      {{"host", cfg.server.host}});
    cfg.server.host = "127.0.0.1";
  }
  keygate::log_warn("no keys are configured: any local client may use this gateway", {});
}

keygate::routing_store::reload_result reload_config(keygate::routing_store& store,
                                                    keygate::shared_services& shared,
                                                    const std::string& path,
                                                    keygate::http_server& server,
                                                    keygate::tls_context_ptr& checked_tls,
                                                    keygate::price_overrides_reload& prices) {
  auto result = store.reload(path);
  if (!result.applied) {
    boost::json::array problems;
    for (const auto& p : result.problems) problems.emplace_back(p);
    keygate::log_error("config reload refused; the running configuration stays",
                       {{"problems", std::move(problems)}});
    return result;
  }
  const auto& cfg = store.current()->cfg();
  server.set_tls_context(std::move(checked_tls));
  prices.apply();
  shared.answer_cache.set_max_bytes(cfg.cache.max_bytes);
  shared.keys.set_config(cfg.auth);
  keygate::set_log_level(cfg.log.level);
  keygate::log_info("config reloaded", {{"models", cfg.models.size()}});
  for (const auto& setting : result.restart_needed)
    keygate::log_warn("config change needs a restart", {{"setting", setting}});
  for (const auto& notice : cfg.notices)
    keygate::log_warn("config setting ignored", {{"where", notice}});
  warn_unverified(cfg);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command == "keys") return keygate::cli::run_keys_command(argc - 2, argv + 2);
  if (command == "import-litellm") return keygate::cli::run_import_litellm(argc - 2, argv + 2);
  if (command == "ledger") return keygate::run_ledger_command(argc - 2, argv + 2);
  if (command == "prices") return keygate::run_prices_command(argc - 2, argv + 2);
  cli args;
  if (!parse_cli(argc, argv, args)) {
    std::cerr << usage_text;
    return 2;
  }
  if (args.version) {
    std::cout << "keygate " KEYGATE_VERSION "\n";
    return 0;
  }
  if (!args.check_path.empty()) {
    auto cfg = load_or_report(args.check_path);
    if (!keygate::load_price_overrides(cfg)) return 2;
    tls_or_report(cfg);
    for (const auto& notice : cfg.notices) std::cout << notice << "\n";
    for (const auto& group : cfg.models) std::cout << keygate::describe_group_line(group) << "\n";
    for (const auto& id : keygate::unverified_deployments(cfg))
      std::cout << "warning: " << id << " does not verify its upstream's TLS certificate\n";
    for (const auto* d : keygate::unpriced_deployments(cfg))
      std::cout << "warning: " << keygate::unpriced_warning(*d) << "\n";
    std::cout << args.check_path << ": ok, " << cfg.models.size() << " models\n";
    return 0;
  }

  auto cfg = std::make_shared<keygate::config>(load_or_report(args.config_path));
  if (!keygate::load_price_overrides(*cfg)) return 2;
  // The listeners stay as they started: a new port or metrics port takes a restart.
  auto overrides = [port = args.port, metrics = cfg->metrics](keygate::config& c) {
    if (port >= 0) c.server.port = static_cast<std::uint16_t>(port);
    c.metrics.port = metrics.port;
    c.metrics.host = metrics.host;
  };
  overrides(*cfg);
  try {
    keygate::setup_logging(cfg->log);
  } catch (const std::exception& e) {
    std::cerr << "log.file: " << e.what() << "\n";
    return 2;
  }
  keygate::tls_context_ptr tls;
  try {
    tls = keygate::make_listener_tls_context(cfg->server.tls);
  } catch (const std::exception& e) {
    keygate::log_error("cannot start", {{"reason", e.what()}});
    keygate::shutdown_logging();
    return 1;
  }

  keygate::shared_services shared;
  try {
    keygate::start_shared_services(shared, *cfg);
  } catch (const std::exception& e) {
    keygate::log_error("cannot start", {{"reason", e.what()}});
    keygate::shutdown_logging();
    return 1;
  }
  guard_open_gateway(*cfg, shared);
  // The console's database and sessions; before the server, so it outlives every request.
  std::unique_ptr<keygate::console::console_services> console;
  if (cfg->console.enabled) {
    try {
      auto flush_ledger = [&shared] {
        if (shared.ledger) shared.ledger->flush();
      };
      console = std::make_unique<keygate::console::console_services>(
          cfg->console, cfg->ledger.path, flush_ledger, cfg->server.tls.enabled());
    } catch (const std::exception& e) {
      keygate::log_error("cannot start", {{"reason", e.what()}});
      keygate::shutdown_logging();
      return 1;
    }
    // The console's import takes files up to 50 MB, past the usual body limit.
    cfg->server.limits.body_limits_by_path.push_back(
        {"/console/import", keygate::console::max_import_bytes});
  }
  keygate::health_registry health;
  // A reload whose certificate or key does not load is refused like any broken file; the context
  // built while checking it is the one installed when it applies.
  keygate::tls_context_ptr checked_tls;
  keygate::price_overrides_reload prices(*cfg);
  auto check_reload = [&overrides, &checked_tls, &prices](keygate::config& c) {
    overrides(c);
    prices.check(c);
    try {
      checked_tls = keygate::make_listener_tls_context(c.server.tls);
    } catch (const std::exception& e) {
      throw keygate::config_error({e.what()});
    }
  };
  keygate::routing_store store(cfg, health, &keygate::provider_for, check_reload);
  keygate::http_server server(
      cfg->server, [&store, &shared, &console](unsigned, keygate::net::io_context& io) {
        auto services = std::make_shared<keygate::worker_services>(store, shared, io);
        return [services, console = console.get()](keygate::exchange& ex) {
          return keygate::dispatch_request(ex, services, console);
        };
      });
  auto metrics_server = make_metrics_server(*cfg, store, shared);
  try {
    server.listen();
    if (metrics_server) metrics_server->listen();
  } catch (const std::exception& e) {
    keygate::log_error("cannot listen", {{"host", cfg->server.host},
                                         {"port", cfg->server.port},
                                         {"metrics_port", cfg->metrics.port.value_or(0)},
                                         {"reason", e.what()}});
    keygate::shutdown_logging();
    return 1;
  }
  // Watching starts before anyone can learn the port, so no change to the file goes unseen.
  std::mutex reload_mutex;  // SIGHUP and the file watcher may fire together
  auto reload = [&] {
    std::lock_guard lock(reload_mutex);
    return reload_config(store, shared, args.config_path, server, checked_tls, prices);
  };
  shared.reload_config = reload;
  server.set_tls_context(std::move(tls));
  server.on_reload_signal(reload);
  keygate::file_watcher watcher(args.config_path, std::chrono::seconds(1), reload);
  std::optional<std::uint16_t> metrics_port;
  if (metrics_server) metrics_port = metrics_server->port();
  if (!args.port_file.empty())
    keygate::write_port_file(args.port_file, server.port(), metrics_port);
  log_startup(*cfg, server.port(), metrics_port);
  std::thread metrics_thread;
  if (metrics_server) metrics_thread = std::thread([&] { metrics_server->run(); });
  for (const auto& notice : cfg->notices)
    keygate::log_warn("config setting ignored", {{"where", notice}});
  warn_unverified(*cfg);
  const bool drained = server.run();
  if (metrics_server) {
    metrics_server->stop();
    metrics_thread.join();
  }
  keygate::log_info("keygate stopped", {{"drained", drained}});
  keygate::shutdown_logging();
  return 0;
}
