#include "gateway/console/console_api.hpp"
#include "gateway/console/session_auth.hpp"
#include "gateway/doors/anthropic/messages_error.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/pipeline/request_outcome_metrics.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

namespace {

std::string_view path_of(std::string_view target) {
  auto query = target.find('?');
  std::string_view path = target.substr(0, query);
  if (path.starts_with("/v1/")) path.remove_prefix(3);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

task<void> preflight(exchange& ex) {
  http_response response{http::status::no_content, 11};
  const auto& req = ex.request();
  response.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
  auto asked = req.find(http::field::access_control_request_headers);
  response.set(http::field::access_control_allow_headers,
               asked != req.end() ? asked->value() : "authorization, content-type");
  response.set(http::field::access_control_max_age, "600");
  co_await ex.respond(std::move(response));
}

task<void> method_not_allowed(exchange& ex, std::string_view allowed) {
  ex.extra_headers().set(http::field::allow, allowed);
  // Named, not a braced temporary: GCC 12 destroys braced temporaries in co_await calls twice.
  const openai_error error{405,
                           "Method " + std::string(ex.request().method_string()) +
                               " is not allowed here; use " + std::string(allowed) + ".",
                           "invalid_request_error", std::nullopt,
                           std::string("method_not_allowed")};
  co_await respond_error(ex, error);
}

// The route name of a model request's path (metrics, ledger, access log); empty for other paths.
std::string_view model_route_name(std::string_view path) {
  if (path == "/chat/completions") return "chat.completions";
  if (path == "/embeddings") return "embeddings";
  if (path == "/messages") return "messages";
  if (path == "/responses") return "responses";
  if (path == "/completions") return "completions";
  if (path == "/rerank" || path == "/v2/rerank") return "rerank";
  if (path == "/images/generations") return "images.generations";
  if (path == "/audio/speech") return "audio.speech";
  if (path == "/audio/transcriptions") return "audio.transcriptions";
  if (path == "/audio/translations") return "audio.translations";
  return {};
}

// The endpoint of a path that only providers speaking it serve; nullopt for other paths.
std::optional<client_dialect> endpoint_dialect(std::string_view path) {
  if (path == "/completions") return client_dialect::openai_completions;
  // Cohere's SDKs call {base_url}/v2/rerank.
  if (path == "/rerank" || path == "/v2/rerank") return client_dialect::cohere_rerank;
  if (path == "/images/generations") return client_dialect::openai_images;
  if (path == "/audio/speech") return client_dialect::openai_speech;
  if (path == "/audio/transcriptions") return client_dialect::openai_transcriptions;
  if (path == "/audio/translations") return client_dialect::openai_translations;
  return std::nullopt;
}

bool responses_path(std::string_view path) {
  return path == "/responses" || path.starts_with("/responses/");
}

bool anthropic_path(std::string_view path) {
  return path == "/messages" || path == "/messages/count_tokens";
}

// An error in the shape of the API the path belongs to: Anthropic's for /messages.
task<void> respond_route_error(exchange& ex, std::string_view path, const openai_error& error) {
  if (!anthropic_path(path)) co_return co_await respond_error(ex, error);
  co_await ex.respond(static_cast<http::status>(error.status), doors::anthropic::error_body(error));
}

// Who calls, by key or by the console's session (which stands for its key here as on the
// console, docs/admin-api.md); the refusal when neither holds. On the heap: it is rare, and every
// local of dispatch_request sits in its frame.
std::unique_ptr<openai_error> authenticate_caller(exchange& ex, worker_services& services,
                                                  console::console_services* console, caller& who) {
  const bool by_session = console && services.shared.keys.current()->auth_enabled &&
                          console::uses_session(ex.request());
  auto error = by_session
                   ? console::authenticate_session(
                         *console, ex.request(), services.shared.keys.current(), unix_ms_now(), who)
                   : authenticate(ex.request(), services.shared.keys.current(), unix_ms_now(), who);
  return error ? std::make_unique<openai_error>(std::move(*error)) : nullptr;
}

// Refused callers are logged too, by what they asked and never by what they sent as a key.
void log_refused_caller(exchange& ex, std::string_view path, const openai_error& error) {
  if (!access_log_enabled()) return;
  auto line = start_access_line();
  line.field("request_id", ex.request_id())
      .field("route", path)
      .field("status", error.status)
      .field("error", error.code.value_or(error.type));
  log_access(std::move(line));
}

task<void> unknown_path(exchange& ex, std::string_view path) {
  const openai_error error{404, "Unknown path " + std::string(path) + ".", "invalid_request_error",
                           std::nullopt, std::string("unknown_url")};
  co_await respond_error(ex, error);
}

// The task that answers a path, for dispatch_request to await. A plain function, not a
// coroutine: a coroutine awaiting each handler in its own branch would keep a slot for every one
// of them in its frame.
task<void> handler_for(exchange& ex, worker_services& services, const caller& who,
                       std::string_view target, std::string_view path, http::verb method) {
  const bool post = method == http::verb::post;
  const bool get = method == http::verb::get;
  // Each admin endpoint checks who may call it (docs/admin-api.md).
  if (path == "/admin" || path.starts_with("/admin/"))
    return handle_admin(ex, services, who, path.substr(6));
  if (path == "/chat/completions")
    return post ? handle_chat_completions(ex, services, who) : method_not_allowed(ex, "POST");
  if (path == "/embeddings")
    return post ? handle_embeddings(ex, services, who) : method_not_allowed(ex, "POST");
  if (path == "/messages")
    return post ? handle_messages(ex, services, who) : method_not_allowed(ex, "POST");
  if (const auto dialect = endpoint_dialect(path))
    return post ? handle_endpoint(ex, services, who, *dialect) : method_not_allowed(ex, "POST");
  if (path == "/messages/count_tokens")
    return post ? handle_count_tokens(ex, services, who) : method_not_allowed(ex, "POST");
  if (responses_path(path)) return handle_responses(ex, services, who, path.substr(10));
  if (path == "/models")
    return get ? handle_models(ex, services, who) : method_not_allowed(ex, "GET");
  if (path == "/health/ready")
    return get ? handle_health_ready(ex, services) : method_not_allowed(ex, "GET");
  if (path == "/metrics" && !services.store.current()->cfg().metrics.port)
    return handle_metrics(ex, services.store, services.shared);
  // Clients that check the base URL before their first request (Claude Code sends HEAD /).
  if (target.substr(0, target.find('?')) == "/" && (method == http::verb::head || get))
    return ex.respond(http::status::ok, "{}");
  if (path == "/health")
    return get || method == http::verb::head ? handle_health(ex) : method_not_allowed(ex, "GET");
  return unknown_path(ex, path);
}

}  // namespace

task<void> dispatch_request(exchange& ex, std::shared_ptr<worker_services> owner,
                            console::console_services* console) {
  worker_services& services = *owner;
  const auto method = ex.request().method();
  const std::string_view target = ex.request().target();
  // The console's pages and API, never under /v1, answer no preflight: they are same-origin only.
  if (const auto raw_path = target.substr(0, target.find('?')); console::is_console_path(raw_path))
    co_return co_await console::handle_console(ex, services, console, raw_path);
  if (method == http::verb::options) co_return co_await preflight(ex);
  const std::string_view path = path_of(target);
  const std::string_view route = model_route_name(path);
  const bool model_route = !route.empty() || responses_path(path) || path == "/models" ||
                           path == "/messages/count_tokens" || path.starts_with("/admin/") ||
                           path == "/admin";
  // Model requests in flight, from before their key is checked to their access log line.
  std::optional<metrics::in_flight_request> in_flight;
  if (!route.empty() && method == http::verb::post) in_flight.emplace(route);
  caller who;
  if (model_route)
    if (auto refused = authenticate_caller(ex, services, console, who)) {
      co_await respond_route_error(ex, path, *refused);
      if (in_flight) count_unauthenticated(route, refused->status, ex);
      log_refused_caller(ex, path, *refused);
      co_return;
    }
  co_await handler_for(ex, services, who, target, path, method);
}

}  // namespace keygate
