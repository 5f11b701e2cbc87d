#include "gateway/routes/admin_teams.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/access/key_json.hpp"
#include "gateway/http/error_response.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

json::object team_json(const team& t) {
  json::object out;
  out["id"] = t.id;
  out["source"] = "config";
  out["models"] = json::array();
  out["rpm"] = t.limits.rpm;
  out["tpm"] = t.limits.tpm;
  out["max_parallel"] = t.limits.max_parallel;
  out["budget"] = t.budget ? json::value(budget_to_json(*t.budget)) : json::value(nullptr);
  return out;
}

openai_error refused(int status, std::string message, std::string code) {
  return {status, std::move(message), "invalid_request_error", std::nullopt, std::move(code)};
}

}  // namespace

task<void> handle_admin_teams(exchange& ex, worker_services& services, std::string_view rest) {
  const auto method = ex.request().method();
  const auto keys = services.shared.keys.current();
  if (rest.empty()) {
    if (method == http::verb::post)
      co_return co_await respond_error(
          ex, refused(501, "Teams are defined in the config file (auth.teams); add it there.",
                      "teams_in_config"));
    json::array data;
    for (const auto& [id, t] : keys->teams) data.push_back(team_json(t));
    json::object list;  // named: see docs/coroutines.md
    list["object"] = "list";
    list["data"] = std::move(data);
    co_return co_await ex.respond(http::status::ok, json::serialize(list));
  }
  const std::string_view id = rest.substr(1);
  auto it = keys->teams.find(id);
  if (it == keys->teams.end())
    co_return co_await respond_error(
        ex, refused(404, "No team with id '" + std::string(id) + "'.", "team_not_found"));
  if (method == http::verb::get)
    co_return co_await ex.respond(http::status::ok, json::serialize(team_json(it->second)));
  co_await respond_error(
      ex,
      refused(409, "Team '" + std::string(id) + "' is defined in the config file; change it there.",
              "team_from_config"));
}

}  // namespace keygate
