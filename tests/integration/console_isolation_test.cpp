// One key never sees or changes another key's conversations, messages, search hits, exports or
// preferences through the console, even with the ids in hand.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "console_client.hpp"
#include "harness.hpp"

namespace keygate::testing::console_isolation_test {
namespace {

TEST(ConsoleIsolation, AKeySeesOnlyItsOwnEvenByGuessingIds) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client alice(env.port()), bob(env.port()), master(env.port());
  ASSERT_EQ(alice.sign_in(alice_secret).status, 200);
  ASSERT_EQ(bob.sign_in(bob_secret).status, 200);
  ASSERT_EQ(master.sign_in(console_master).status, 200);

  const auto c = alice.json("POST", "/console/conversations", R"({"title": "alice's plans"})");
  const std::string cid(c.at("id").as_string());
  const auto m = alice.json("POST", "/console/conversations/" + cid + "/messages",
                            R"({"parent_id": null, "role": "user", "content": "secret quokka"})");
  const std::string mid(m.at("id").as_string());
  alice.json("PUT", "/console/preferences", R"({"default_model": "gpt"})");

  for (const console_client* other : {&bob, &master}) {
    EXPECT_TRUE(
        other->json("GET", "/console/conversations").at("conversations").as_array().empty());
    EXPECT_TRUE(other->json("GET", "/console/search?q=quokka").at("results").as_array().empty());
    EXPECT_EQ(other->json("GET", "/console/preferences"), boost::json::object());
    const std::string base = "/console/conversations/" + cid;
    for (const auto& [method, target, body] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"GET", base, ""},
             {"PATCH", base, R"({"title": "mine now"})"},
             {"DELETE", base, ""},
             {"GET", base + "/export?format=json", ""},
             {"GET", base + "/export?format=markdown", ""},
             {"POST", base + "/messages", R"({"parent_id": null, "role": "user", "content": "x"})"},
             {"PATCH", base + "/messages/" + mid, R"({"content": "changed"})"}}) {
      const auto reply = other->call(method, target, body);
      EXPECT_EQ(reply.status, 404) << method << " " << target << ": " << reply.body;
      EXPECT_EQ(reply.body.find("quokka"), std::string::npos);
    }
  }

  // Bob's own conversation cannot take alice's message as a parent or an active leaf.
  const auto mine = bob.json("POST", "/console/conversations", "{}");
  const std::string bid(mine.at("id").as_string());
  EXPECT_EQ(bob.call("POST", "/console/conversations/" + bid + "/messages",
                     R"({"parent_id": ")" + mid + R"(", "role": "user", "content": "x"})")
                .status,
            400);
  EXPECT_EQ(
      bob.call("PATCH", "/console/conversations/" + bid, R"({"active_leaf": ")" + mid + R"("})")
          .status,
      400);

  // Alice's data is as she left it.
  const auto whole = alice.json("GET", "/console/conversations/" + cid);
  EXPECT_EQ(whole.at("title"), "alice's plans");
  EXPECT_EQ(whole.at("messages").as_array()[0].at("content"), "secret quokka");
  EXPECT_EQ(alice.json("GET", "/console/search?q=quokka").at("results").as_array().size(), 1u);
  EXPECT_EQ(alice.json("GET", "/console/preferences"),
            boost::json::parse(R"({"default_model": "gpt"})"));
  EXPECT_EQ(alice.json("GET", "/console/conversations").at("conversations").as_array().size(), 1u);
}

TEST(ConsoleIsolation, ModelsAreOnlyThoseTheKeyMayUse) {
  gateway_fixture env(console_models_yaml(),
                      "auth:\n  keys:\n    - {id: narrow, key: sk-narrow-console-00000, models: "
                      "[mock-gpt]}\n");
  console_client narrow(env.port());
  ASSERT_EQ(narrow.sign_in("sk-narrow-console-00000").status, 200);
  const auto models = narrow.json("GET", "/console/models").as_array();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].at("id"), "mock-gpt");
}

}  // namespace
}  // namespace keygate::testing::console_isolation_test
