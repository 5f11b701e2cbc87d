// The admin API's reads (spend, requests, budgets, the live tail) through the real binary: what
// the master key sees, and that a virtual key sees only its own rows whatever id or filter it
// sends.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <set>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::admin_scope_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-admin-tests-01";
const std::string alice = "sk-admin-alice-0001";
const std::string bob = "sk-admin-bob-00001";

std::string models() {
  return model_entry("chat", "fake-gpt@tokens=5", "    price: {input: 1000, output: 2000}\n") +
         model_entry("other", "fake-gpt");
}

std::string auth_yaml() {
  return "auth:\n  master_key: " + master +
         "\n"
         "  teams:\n"
         "    - {id: red, budget: {usd: 50, period: monthly}}\n"
         "    - {id: blue}\n"
         "  keys:\n"
         "    - {id: alice, key: " +
         alice +
         ", team: red, rpm: 100, budget: {usd: 10, period: daily}}\n"
         "    - {id: bob, key: " +
         bob + ", team: blue}\n";
}

std::string code_of(const http_reply& reply) {
  auto parsed = json::parse(reply.body);
  const auto& code = parsed.at("error").at("code");
  return code.is_string() ? std::string(code.as_string()) : "";
}

json::array data_of(const http_reply& reply) {
  return json::parse(reply.body).at("data").as_array();
}

class AdminScope : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(models(), auth_yaml());
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(chat(env->port(), alice, "chat").status, 200);
      ASSERT_EQ(chat(env->port(), bob, "chat").status, 200);
    }
    ASSERT_EQ(chat(env->port(), bob, "other").status, 200);
    // The ledger commits off the request path: wait until every row is readable.
    ASSERT_TRUE(eventually([] {
      auto page = get("/admin/requests?limit=200", master);
      return page.status == 200 && data_of(page).size() >= 7;
    }));
  }
  static void TearDownTestSuite() { delete env; }
  static http_reply get(const std::string& target, const std::string& secret) {
    return http_call(env->port(), "GET", target, "", bearer(secret));
  }
  static gateway_fixture* env;
};
gateway_fixture* AdminScope::env = nullptr;

std::set<std::string> keys_in(const json::array& rows) {
  std::set<std::string> keys;
  for (const auto& row : rows) keys.insert(std::string(row.at("key").as_string()));
  return keys;
}

TEST_F(AdminScope, TheMasterKeySeesEveryKeysRequests) {
  auto page = get("/admin/requests", master);
  ASSERT_EQ(page.status, 200) << page.body;
  const auto rows = data_of(page);
  EXPECT_EQ(keys_in(rows), (std::set<std::string>{"alice", "bob"}));
  const auto& row = rows[0].as_object();
  for (const char* field :
       {"request_id", "time_ms", "route", "model", "deployment", "provider", "status", "tokens",
        "cost_usd", "cost_nanos", "total_ms", "ttft_ms", "overhead_ms", "attempts"})
    EXPECT_TRUE(row.contains(field)) << field;
  EXPECT_FALSE(row.contains("messages"));  // the ledger holds no prompt text
  // Newest first.
  for (std::size_t i = 1; i < rows.size(); ++i)
    EXPECT_GE(rows[i - 1].at("time_ms").as_int64(), rows[i].at("time_ms").as_int64());
}

TEST_F(AdminScope, PagesFollowTheCursorWithoutRepeatsOrGaps) {
  std::set<std::string> seen;
  std::string target = "/admin/requests?limit=2";
  int pages = 0;
  for (;;) {
    auto page = get(target, master);
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = json::parse(page.body).as_object();
    for (const auto& row : body.at("data").as_array())
      EXPECT_TRUE(seen.insert(std::string(row.at("request_id").as_string())).second);
    ++pages;
    if (body.at("next").is_null()) break;
    target = "/admin/requests?limit=2&before=" + std::string(body.at("next").as_string());
    ASSERT_LT(pages, 50);
  }
  const auto all = data_of(get("/admin/requests?limit=200", master));
  EXPECT_EQ(seen.size(), all.size());
  EXPECT_GE(pages, 4);
  EXPECT_EQ(get("/admin/requests?before=not-a-cursor", master).status, 400);
  EXPECT_EQ(get("/admin/requests?limit=0", master).status, 400);
  EXPECT_EQ(get("/admin/requests?status=teapot", master).status, 400);
}

TEST_F(AdminScope, RequestFiltersNarrowThePage) {
  auto other = data_of(get("/admin/requests?model=other", master));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].at("key"), "bob");
  EXPECT_TRUE(data_of(get("/admin/requests?status=error", master)).empty());
  EXPECT_EQ(data_of(get("/admin/requests?status=2xx&key=alice", master)).size(), 3u);
  EXPECT_EQ(data_of(get("/admin/requests?team=blue", master)).size(), 4u);
}

TEST_F(AdminScope, AVirtualKeySeesOnlyItsOwnRequests) {
  auto own = get("/admin/requests", alice);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(keys_in(data_of(own)), (std::set<std::string>{"alice"}));
  EXPECT_EQ(data_of(own).size(), 3u);
  // Naming another key or team, by filter, is refused rather than answered empty.
  for (const char* target : {"/admin/requests?key=bob", "/admin/requests?team=blue",
                             "/admin/spend?key=bob", "/admin/spend?team=blue",
                             "/admin/spend?group_by=key&end_user=someone", "/admin/live?key=bob"}) {
    auto refused = get(target, alice);
    EXPECT_EQ(refused.status, 403) << target;
    EXPECT_EQ(code_of(refused), "not_your_data") << target;
  }
  // Its own key and team as filters are fine.
  EXPECT_EQ(get("/admin/requests?key=alice&team=red", alice).status, 200);
}

TEST_F(AdminScope, AVirtualKeyCannotOpenAnotherKeysRequestById) {
  const auto bobs = data_of(get("/admin/requests?key=bob", master));
  ASSERT_FALSE(bobs.empty());
  const std::string id(bobs[0].at("request_id").as_string());
  EXPECT_EQ(get("/admin/requests/" + id, master).status, 200);
  auto refused = get("/admin/requests/" + id, alice);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.body.find("bob"), std::string::npos);
  const auto alices = data_of(get("/admin/requests", alice));
  auto mine = get("/admin/requests/" + std::string(alices[0].at("request_id").as_string()), alice);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(json::parse(mine.body).at("key"), "alice");
}

TEST_F(AdminScope, AVirtualKeysSpendIsItsOwn) {
  auto spend = get("/admin/spend?group_by=key", alice);
  ASSERT_EQ(spend.status, 200) << spend.body;
  const auto rows = data_of(spend);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("group"), "alice");
  EXPECT_EQ(rows[0].at("requests").as_int64(), 3);
  auto by_model = data_of(get("/admin/spend?group_by=model", alice));
  ASSERT_EQ(by_model.size(), 1u);
  EXPECT_EQ(by_model[0].at("requests").as_int64(), 3);  // bob's "other" is not counted
}

TEST_F(AdminScope, MasterOnlyEndpointsRefuseAVirtualKey) {
  for (const char* target : {"/admin/keys", "/admin/teams", "/admin/models", "/admin/config"}) {
    auto refused = get(target, alice);
    EXPECT_EQ(refused.status, 403) << target;
    EXPECT_EQ(code_of(refused), "master_key_required") << target;
  }
  EXPECT_EQ(get("/admin/requests", "sk-not-a-key").status, 401);
}

TEST_F(AdminScope, BudgetsShowAVirtualKeyItsOwnAndItsTeam) {
  auto own = get("/admin/budgets", alice);
  ASSERT_EQ(own.status, 200) << own.body;
  auto body = json::parse(own.body).as_object();
  const auto& keys = body.at("keys").as_array();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].at("id"), "alice");
  const auto& budget = keys[0].at("budget").as_object();
  EXPECT_EQ(budget.at("period"), "daily");
  EXPECT_GT(budget.at("spent_nanos").as_int64(), 0);
  EXPECT_TRUE(budget.at("resets_at").is_int64());
  EXPECT_EQ(keys[0].at("limits").at("rpm").as_int64(), 100);
  EXPECT_TRUE(keys[0].at("limits").at("tpm").is_null());
  EXPECT_TRUE(keys[0].at("headroom").at("tokens").is_null());
  const auto& teams = body.at("teams").as_array();
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams[0].at("id"), "red");

  auto all = json::parse(get("/admin/budgets", master).body).as_object();
  EXPECT_EQ(all.at("keys").as_array().size(), 2u);
  EXPECT_EQ(all.at("teams").as_array().size(), 2u);
}

TEST_F(AdminScope, SpendGroupsByTwoDimensionsAndExportsCsv) {
  auto pairs = get("/admin/spend?group_by=day,model", master);
  ASSERT_EQ(pairs.status, 200) << pairs.body;
  std::int64_t requests = 0;
  for (const auto& row : data_of(pairs)) {
    EXPECT_TRUE(row.as_object().contains("group2"));
    requests += row.at("requests").as_int64();
  }
  EXPECT_EQ(requests, 7);
  auto csv = get("/admin/spend?group_by=key&format=csv", master);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("group,requests,prompt_tokens,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("\r\nalice,3,"), std::string::npos) << csv.body;
  EXPECT_EQ(get("/admin/spend?group_by=day,day", master).status, 400);
  EXPECT_EQ(get("/admin/spend?format=xml", master).status, 400);
}

TEST_F(AdminScope, TheLiveTailShowsAVirtualKeyOnlyItsOwnRequests) {
  const std::string ask =
      "GET /admin/live HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice + "\r\n\r\n";
  auto watched = std::async(std::launch::async, [&] {
    return raw_exchange(env->port(), ask, std::chrono::milliseconds(2500));
  });
  // Requests from other clients until the tail has ended (it is open from its first bytes).
  while (watched.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
    chat(env->port(), bob, "chat");
    chat(env->port(), alice, "chat");
  }
  const std::string events = watched.get();
  EXPECT_NE(events.find("text/event-stream"), std::string::npos) << events;
  EXPECT_NE(events.find("data: {"), std::string::npos) << events;
  EXPECT_NE(events.find("\"key\":\"alice\""), std::string::npos);
  EXPECT_EQ(events.find("\"key\":\"bob\""), std::string::npos);
}

TEST_F(AdminScope, TheConfigIsShownMaskedAndABrokenReloadIsRefused) {
  auto shown = get("/admin/config", master);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const auto body = json::parse(shown.body).as_object();
  const std::string yaml(body.at("yaml").as_string());
  EXPECT_NE(yaml.find("***"), std::string::npos);
  for (const std::string& secret : {master, alice, bob, std::string("test-key")})
    EXPECT_EQ(shown.body.find(secret), std::string::npos) << secret;
  EXPECT_NE(yaml.find("alice"), std::string::npos);  // ids stay

  env->rewrite_config(models() + "  - name: broken\n    provider: nope\n", auth_yaml());
  auto refused = http_call(env->port(), "POST", "/admin/config/reload", "", bearer(master));
  EXPECT_EQ(refused.status, 422) << refused.body;
  const auto answer = json::parse(refused.body).as_object();
  EXPECT_FALSE(answer.at("applied").as_bool());
  EXPECT_FALSE(answer.at("problems").as_array().empty());
  EXPECT_EQ(chat(env->port(), bob, "chat").status, 200);  // the running config stays

  env->rewrite_config(models(), auth_yaml());
  auto applied = http_call(env->port(), "POST", "/admin/config/reload", "", bearer(master));
  EXPECT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(http_call(env->port(), "POST", "/admin/config/reload", "", bearer(alice)).status, 403);
}

}  // namespace
}  // namespace keygate::testing::admin_scope_test
