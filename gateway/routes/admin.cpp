// /admin/keys: make, list, read, change and revoke virtual keys. /admin/spend: the ledger's sums.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/access/key_json.hpp"
#include "gateway/base/key_hash.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/routes/admin_budgets.hpp"
#include "gateway/routes/admin_config.hpp"
#include "gateway/routes/admin_key_fields.hpp"
#include "gateway/routes/admin_live.hpp"
#include "gateway/routes/admin_models.hpp"
#include "gateway/routes/admin_requests.hpp"
#include "gateway/routes/admin_scope.hpp"
#include "gateway/routes/admin_spend.hpp"
#include "gateway/routes/admin_teams.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

namespace json = boost::json;

namespace {

openai_error not_found(std::string_view id) {
  return {404, "No key with id '" + std::string(id) + "'.", "invalid_request_error", std::nullopt,
          std::string("key_not_found")};
}

task<void> respond_json(exchange& ex, http::status status, const json::value& body) {
  co_await ex.respond(status, json::serialize(body));
}

std::optional<json::object> body_object(exchange& ex, openai_error& error) {
  json::error_code ec;
  auto value = json::parse(ex.request().body(), ec);
  if (ec || !value.is_object()) {
    error = invalid_request("The body must be a JSON object.");
    return std::nullopt;
  }
  return std::move(value.as_object());
}

// Saves a key to its store, then to the running registry. False (and the error) when the store
// refused it.
bool save_key(worker_services& services, const virtual_key& key, openai_error& error) {
  if (!services.shared.stored_keys) {
    error = {501, "This gateway has no key store (enable the ledger or redis).", "server_error",
             std::nullopt, std::string("no_key_store")};
    return false;
  }
  try {
    services.shared.stored_keys->save(key);
  } catch (const key_store_error& e) {
    log_error("key store write failed", {{"reason", e.what()}});
    error = {503, "The key store cannot be written right now.", "server_error", std::nullopt,
             std::string("key_store_unavailable")};
    return false;
  }
  services.shared.keys.put_stored(key);
  return true;
}

task<void> create_key(exchange& ex, worker_services& services) {
  openai_error error;
  auto body = body_object(ex, error);
  const auto keys = services.shared.keys.current();
  virtual_key key;
  std::optional<openai_error> problem;
  if (!body) problem = error;
  if (!problem) problem = apply_key_fields(*body, *keys, *services.store.current(), key);
  if (problem) co_return co_await respond_error(ex, *problem);
  const std::string secret = new_key_secret();
  key.id = new_key_id();
  key.hash = sha256_hex(secret);
  key.created_ms = unix_ms_now();
  if (!save_key(services, key, error)) co_return co_await respond_error(ex, error);
  auto out = key_to_json(key, false);
  out["key"] = secret;  // shown this once; only its hash is kept
  log_info("virtual key created", {{"key", key.id}, {"alias", key.alias}});
  co_await respond_json(ex, http::status::created, out);
}

task<void> change_key(exchange& ex, worker_services& services, const virtual_key& current,
                      bool revoke) {
  if (current.from_config) {
    const openai_error error{
        409, "Key '" + current.id + "' is defined in the config file; change it there.",
        "invalid_request_error", std::nullopt, std::string("key_from_config")};
    co_return co_await respond_error(ex, error);
  }
  virtual_key key = current;
  openai_error error;
  if (revoke) {
    key.revoked = true;
  } else {
    auto body = body_object(ex, error);
    std::optional<openai_error> problem;
    if (!body) problem = error;
    const auto keys = services.shared.keys.current();
    if (!problem) problem = apply_key_fields(*body, *keys, *services.store.current(), key);
    if (problem) co_return co_await respond_error(ex, *problem);
  }
  if (!save_key(services, key, error)) co_return co_await respond_error(ex, error);
  log_info(revoke ? "virtual key revoked" : "virtual key changed", {{"key", key.id}});
  co_await respond_json(ex, http::status::ok, key_to_json(key, false));
}

task<void> keys_route(exchange& ex, worker_services& services, std::string_view rest) {
  const auto method = ex.request().method();
  const auto keys = services.shared.keys.current();
  if (rest.empty()) {
    if (method == http::verb::post) co_return co_await create_key(ex, services);
    json::array data;
    for (const auto& [id, key] : keys->by_id) data.push_back(key_to_json(*key, false));
    json::object list;  // named: see docs/coroutines.md
    list["object"] = "list";
    list["data"] = std::move(data);
    co_return co_await respond_json(ex, http::status::ok, list);
  }
  const std::string_view id = rest.substr(1);
  auto it = keys->by_id.find(id);
  if (it == keys->by_id.end()) co_return co_await respond_error(ex, not_found(id));
  if (method == http::verb::get)
    co_return co_await respond_json(ex, http::status::ok, key_to_json(*it->second, false));
  if (method == http::verb::patch) co_return co_await change_key(ex, services, *it->second, false);
  if (method == http::verb::delete_) co_return co_await change_key(ex, services, *it->second, true);
  const openai_error error{405, "Use GET, PATCH or DELETE on a key.", "invalid_request_error",
                           std::nullopt, std::string("method_not_allowed")};
  co_await respond_error(ex, error);
}

}  // namespace

task<void> handle_admin(exchange& ex, worker_services& services, const caller& who,
                        std::string_view path) {
  if (path == "/spend") co_return co_await handle_admin_spend(ex, services, who);
  if (path == "/requests" || path.starts_with("/requests/"))
    co_return co_await handle_admin_requests(ex, services, who, path.substr(9));
  if (path == "/live") co_return co_await handle_admin_live(ex, services, who);
  if (path == "/budgets") co_return co_await handle_admin_budgets(ex, services, who);
  if (!who.master) co_return co_await respond_error(ex, master_key_required());
  if (path == "/keys" || path.starts_with("/keys/"))
    co_return co_await keys_route(ex, services, path.substr(5));
  if (path == "/teams" || path.starts_with("/teams/"))
    co_return co_await handle_admin_teams(ex, services, path.substr(6));
  if (path == "/models") co_return co_await handle_admin_models(ex, services);
  if (path == "/config" || path.starts_with("/config/"))
    co_return co_await handle_admin_config(ex, services, path.substr(7));
  const openai_error error{404, "Unknown admin path " + std::string(path) + ".",
                           "invalid_request_error", std::nullopt, std::string("unknown_url")};
  co_await respond_error(ex, error);
}

}  // namespace keygate
