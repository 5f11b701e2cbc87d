#include "gateway/routes/admin_teams.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/access/team_json.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/routes/admin_key_fields.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

openai_error refused(int status, std::string message, std::string code) {
  return {status, std::move(message), "invalid_request_error", std::nullopt, std::move(code)};
}

std::optional<openai_error> read_body(exchange& ex, json::object& out) {
  json::error_code ec;
  auto value = json::parse(ex.request().body(), ec);
  if (ec || !value.is_object()) return invalid_request("The body must be a JSON object.");
  out = std::move(value.as_object());
  return std::nullopt;
}

// Runs one change on the key store, then on the running registry (so the team's keys see it at
// once). The error to send when there is no store or it refused.
template <typename Change>
std::optional<openai_error> write_store(worker_services& services, Change change) {
  if (!services.shared.stored_keys)
    return openai_error{501, "This gateway has no key store (enable the ledger or redis).",
                        "server_error", std::nullopt, std::string("no_key_store")};
  try {
    change(*services.shared.stored_keys);
  } catch (const key_store_error& e) {
    log_error("key store write failed", {{"reason", e.what()}});
    return openai_error{503, "The key store cannot be written right now.", "server_error",
                        std::nullopt, std::string("key_store_unavailable")};
  }
  return std::nullopt;
}

std::optional<openai_error> create_team(exchange& ex, worker_services& services, team& t) {
  json::object body;
  if (auto error = read_body(ex, body)) return error;
  if (auto error = apply_team_fields(body, *services.store.current(), true, t)) return error;
  if (services.shared.keys.current()->teams.contains(t.id))
    return refused(409, "A team with id '" + t.id + "' exists already.", "team_exists");
  if (auto error = write_store(services, [&](key_store& s) { s.save_team(t); })) return error;
  services.shared.keys.put_stored_team(t);
  log_info("team created", {{"team", t.id}});
  return std::nullopt;
}

std::optional<openai_error> change_team(exchange& ex, worker_services& services, team& t) {
  json::object body;
  if (auto error = read_body(ex, body)) return error;
  if (auto error = apply_team_fields(body, *services.store.current(), false, t)) return error;
  if (auto error = write_store(services, [&](key_store& s) { s.save_team(t); })) return error;
  services.shared.keys.put_stored_team(t);
  log_info("team changed", {{"team", t.id}});
  return std::nullopt;
}

std::optional<openai_error> delete_team(worker_services& services, const team& t) {
  const auto keys = services.shared.keys.current();
  for (const auto& [id, key] : keys->by_id)
    if (key->team == t.id && !key->revoked)
      return refused(
          409,
          "Team '" + t.id + "' still has keys (" + id + " among them); move or revoke them first.",
          "team_has_keys");
  if (auto error = write_store(services, [&](key_store& s) { s.remove_team(t.id); })) return error;
  services.shared.keys.drop_stored_team(t.id);
  log_info("team deleted", {{"team", t.id}});
  return std::nullopt;
}

task<void> respond_team(exchange& ex, http::status status, const team& t) {
  co_await ex.respond(status, json::serialize(team_to_json(t)));
}

task<void> list_teams(exchange& ex, const key_snapshot& keys) {
  json::array data;
  for (const auto& [id, t] : keys.teams) data.push_back(team_to_json(t));
  json::object list;  // named: see docs/coroutines.md
  list["object"] = "list";
  list["data"] = std::move(data);
  co_await ex.respond(http::status::ok, json::serialize(list));
}

}  // namespace

task<void> handle_admin_teams(exchange& ex, worker_services& services, std::string_view rest) {
  const auto method = ex.request().method();
  const auto keys = services.shared.keys.current();
  if (rest.empty()) {
    if (method == http::verb::get) co_return co_await list_teams(ex, *keys);
    if (method != http::verb::post)
      co_return co_await respond_error(
          ex, refused(405, "Use GET or POST on /admin/teams.", "method_not_allowed"));
    team made;
    auto error = create_team(ex, services, made);
    if (error) co_return co_await respond_error(ex, *error);
    co_return co_await respond_team(ex, http::status::created, made);
  }
  const std::string_view id = rest.substr(1);
  auto it = keys->teams.find(id);
  if (it == keys->teams.end())
    co_return co_await respond_error(
        ex, refused(404, "No team with id '" + std::string(id) + "'.", "team_not_found"));
  if (method == http::verb::get) co_return co_await respond_team(ex, http::status::ok, it->second);
  if (method != http::verb::patch && method != http::verb::delete_)
    co_return co_await respond_error(
        ex, refused(405, "Use GET, PATCH or DELETE on a team.", "method_not_allowed"));
  if (it->second.from_config)
    co_return co_await respond_error(
        ex,
        refused(409,
                "Team '" + std::string(id) + "' is defined in the config file; change it there.",
                "team_from_config"));
  team t = it->second;
  auto error =
      method == http::verb::patch ? change_team(ex, services, t) : delete_team(services, t);
  if (error) co_return co_await respond_error(ex, *error);
  co_await respond_team(ex, http::status::ok, t);
}

}  // namespace keygate
