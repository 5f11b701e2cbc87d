// Teams through the admin API and the real binary: made, changed and deleted; their models,
// limits and budgets apply to their keys at once; kept across a restart; config teams refuse
// changes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::admin_teams_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-team-tests-01";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5", "    price: {input: 1000, output: 2000}\n") +
         model_entry("other", "fake-gpt");
}

std::string auth_yaml() {
  return "auth:\n  master_key: " + master +
         "\n"
         "  teams:\n"
         "    - {id: filed, rpm: 50}\n";
}

std::string code_of(const http_reply& reply) {
  auto parsed = json::parse(reply.body);
  const auto& code = parsed.at("error").at("code");
  return code.is_string() ? std::string(code.as_string()) : "";
}

http_reply admin(const gateway_fixture& env, const std::string& method, const std::string& target,
                 const std::string& body = "") {
  return http_call(env.port(), method, target, body, bearer(master));
}

// A new key in `team`; its secret.
std::string key_in(const gateway_fixture& env, const std::string& team) {
  auto made = admin(env, "POST", "/admin/keys", R"({"alias":"member","team":")" + team + "\"}");
  EXPECT_EQ(made.status, 201) << made.body;
  return std::string(json::parse(made.body).at("key").as_string());
}

TEST(AdminTeams, AreMadeChangedAndDeletedAndBindTheirKeysAtOnce) {
  gateway_fixture env(models(), auth_yaml());
  auto made = admin(env, "POST", "/admin/teams", R"({"id":"crew","models":["chat"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  const auto team = json::parse(made.body);
  EXPECT_EQ(team.at("source"), "api");
  EXPECT_EQ(team.at("models").as_array().size(), 1u);
  EXPECT_EQ(team.at("rpm"), 0);
  EXPECT_TRUE(team.at("budget").is_null());

  const std::string secret = key_in(env, "crew");
  // The team's models bound the key's (which allow every model).
  EXPECT_EQ(chat(env.port(), secret, "chat").status, 200);
  EXPECT_EQ(chat(env.port(), secret, "other").status, 404);
  EXPECT_EQ(chat(env.port(), secret, "chat").status, 200);

  // A limit set now applies to the next request of the team's keys.
  auto changed = admin(env, "PATCH", "/admin/teams/crew", R"({"rpm":1,"models":[]})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(json::parse(changed.body).at("rpm"), 1);
  EXPECT_EQ(chat(env.port(), secret, "other").status, 200);
  auto refused = chat(env.port(), secret, "other");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(code_of(refused), "rate_limit_exceeded");

  // So does a budget: nothing left, nothing admitted.
  ASSERT_EQ(admin(env, "PATCH", "/admin/teams/crew", R"({"rpm":0,"budget":{"usd":0}})").status,
            200);
  auto broke = chat(env.port(), secret, "chat");
  EXPECT_EQ(broke.status, 429);
  EXPECT_EQ(code_of(broke), "budget_exceeded");

  auto listed = json::parse(admin(env, "GET", "/admin/teams").body).at("data").as_array();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].at("id"), "crew");
  EXPECT_EQ(listed[0].at("budget").at("period"), "total");
  EXPECT_EQ(listed[1].at("source"), "config");

  // A team with live keys stays; once they are revoked it can go.
  auto busy = admin(env, "DELETE", "/admin/teams/crew");
  EXPECT_EQ(busy.status, 409);
  EXPECT_EQ(code_of(busy), "team_has_keys");
  const auto keys = json::parse(admin(env, "GET", "/admin/keys").body);
  for (const auto& key : keys.at("data").as_array())
    if (key.at("team") == "crew") {
      const std::string id(key.at("id").as_string());
      ASSERT_EQ(admin(env, "DELETE", "/admin/keys/" + id).status, 200);
    }
  EXPECT_EQ(admin(env, "DELETE", "/admin/teams/crew").status, 200);
  EXPECT_EQ(admin(env, "GET", "/admin/teams/crew").status, 404);
  EXPECT_EQ(admin(env, "POST", "/admin/keys", R"({"team":"crew"})").status, 400);
}

TEST(AdminTeams, BadChangesAreRefusedInTheApisShape) {
  gateway_fixture env(models(), auth_yaml());
  ASSERT_EQ(admin(env, "POST", "/admin/teams", R"({"id":"one"})").status, 201);
  const std::pair<std::string, std::string> bad_posts[] = {
      {R"({"id":"one"})", "team_exists"},
      {R"({"id":"filed"})", "team_exists"},
      {R"({"rpm":5})", ""},
      {R"({"id":"a b"})", ""},
      {R"({"id":"two","models":["nope"]})", ""},
      {R"({"id":"two","colour":"red"})", ""},
      {R"({"id":"two","tpm":-1})", ""},
      {R"({"id":"-x"})", ""},
      {"[1]", ""},
      {"not json", ""}};
  for (const auto& [body, code] : bad_posts) {
    auto reply = admin(env, "POST", "/admin/teams", body);
    EXPECT_EQ(reply.status, code.empty() ? 400 : 409) << body << " " << reply.body;
    if (!code.empty()) {
      EXPECT_EQ(code_of(reply), code) << body;
    }
  }
  EXPECT_EQ(admin(env, "PATCH", "/admin/teams/one", R"({"id":"renamed"})").status, 400);
  EXPECT_EQ(admin(env, "PATCH", "/admin/teams/one", R"({"budget":{"period":"daily"}})").status,
            400);
  auto filed = admin(env, "PATCH", "/admin/teams/filed", R"({"rpm":5})");
  EXPECT_EQ(filed.status, 409);
  EXPECT_EQ(code_of(filed), "team_from_config");
  EXPECT_EQ(code_of(admin(env, "DELETE", "/admin/teams/filed")), "team_from_config");
  EXPECT_EQ(admin(env, "GET", "/admin/teams/nope").status, 404);
  EXPECT_EQ(admin(env, "PUT", "/admin/teams/one", "{}").status, 405);
  EXPECT_EQ(
      http_call(env.port(), "POST", "/admin/teams", R"({"id":"x"})", bearer("sk-none")).status,
      401);
}

TEST(AdminTeams, SurviveARestart) {
  gateway_fixture env(models(), auth_yaml());
  ASSERT_EQ(admin(env, "POST", "/admin/teams",
                  R"({"id":"kept","tpm":900,"budget":{"usd":2.5,"period":"weekly"}})")
                .status,
            201);
  const std::string secret = key_in(env, "kept");
  env.gateway.reset();
  const auto port_file = env.dir.path() + "/keygate2.port";
  env.gateway = std::make_unique<process>(
      KEYGATE_BINARY,
      std::vector<std::string>{"--config", env.dir.path() + "/keygate.yaml", "--port-file",
                               port_file},
      port_file);
  auto kept = admin(env, "GET", "/admin/teams/kept");
  ASSERT_EQ(kept.status, 200) << kept.body;
  const auto team = json::parse(kept.body);
  EXPECT_EQ(team.at("source"), "api");
  EXPECT_EQ(team.at("tpm"), 900);
  EXPECT_EQ(team.at("budget").at("usd").to_number<double>(), 2.5);
  EXPECT_EQ(team.at("budget").at("period"), "weekly");
  EXPECT_EQ(chat(env.port(), secret, "chat").status, 200);
}

}  // namespace
}  // namespace keygate::testing::admin_teams_test
