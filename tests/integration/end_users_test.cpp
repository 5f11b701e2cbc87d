// The end user below a key: named by OpenAI's `user`, Open WebUI's forwarded user headers or a
// configured header, kept in the ledger, and limited apart when the key says so.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::end_users_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-end-users-01";

std::string access_yaml() {
  return "auth:\n"
         "  master_key: " +
         master +
         "\n"
         "  end_user_header: x-household-member\n"
         "  keys:\n"
         "    - {id: home, key: sk-home-0001}\n"
         "    - id: shared\n"
         "      key: sk-shared-0001\n"
         "      end_user_limits: {rpm: 1}\n";
}

class EndUsers : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        model_entry("chat", "fake-gpt@tokens=5", "    price: {input: 1, output: 2}\n"),
        access_yaml());
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
  static unsigned short port() { return env->port(); }
};
gateway_fixture* EndUsers::env = nullptr;

http_reply chat_as(const std::string& secret, const std::map<std::string, std::string>& headers,
                   const std::string& extra = "") {
  auto all = bearer(secret);
  all.insert(headers.begin(), headers.end());
  return http_call(EndUsers::port(), "POST", "/v1/chat/completions",
                   chat_body("chat", false, extra), all);
}

std::map<std::string, std::int64_t> requests_by_end_user(const std::string& key) {
  auto reply = http_call(EndUsers::port(), "GET", "/admin/spend?group_by=end_user&key=" + key, "",
                         bearer(master));
  EXPECT_EQ(reply.status, 200) << reply.body;
  std::map<std::string, std::int64_t> out;
  const auto parsed = json::parse(reply.body);
  for (const auto& row : parsed.at("data").as_array())
    out[std::string(row.at("group").as_string())] = row.at("requests").as_int64();
  return out;
}

TEST_F(EndUsers, EachSourceNamesTheEndUserInTheLedger) {
  ASSERT_EQ(chat_as("sk-home-0001", {}, R"(,"user":"from-body")").status, 200);
  ASSERT_EQ(chat_as("sk-home-0001",
                    {{"X-OpenWebUI-User-Id", "u-42"},
                     {"X-OpenWebUI-User-Email", "ann@example.org"},
                     {"X-OpenWebUI-User-Name", "Ann"}},
                    R"(,"user":"from-body")")
                .status,
            200);
  ASSERT_EQ(chat_as("sk-home-0001", {{"X-OpenWebUI-User-Id", "u-43"}}).status, 200);
  // The configured header comes first.
  ASSERT_EQ(
      chat_as("sk-home-0001", {{"x-household-member", "kid"}, {"X-OpenWebUI-User-Id", "u-44"}})
          .status,
      200);
  ASSERT_EQ(chat_as("sk-home-0001", {}).status, 200);
  const std::map<std::string, std::int64_t> expected{
      {"", 1}, {"from-body", 1}, {"ann@example.org", 1}, {"u-43", 1}, {"kid", 1}};
  EXPECT_EQ(requests_by_end_user("home"), expected);
}

TEST_F(EndUsers, EachEndUserHasTheirOwnLimitUnderOneKey) {
  EXPECT_EQ(chat_as("sk-shared-0001", {{"X-OpenWebUI-User-Id", "parent"}}).status, 200);
  auto second = chat_as("sk-shared-0001", {{"X-OpenWebUI-User-Id", "parent"}});
  EXPECT_EQ(second.status, 429) << second.body;
  EXPECT_EQ(chat_as("sk-shared-0001", {{"X-OpenWebUI-User-Id", "child"}}).status, 200);
  // No end user named: only the key's own limits (none) apply.
  EXPECT_EQ(chat_as("sk-shared-0001", {}).status, 200);
  EXPECT_EQ(chat_as("sk-shared-0001", {}).status, 200);
}

}  // namespace
}  // namespace keygate::testing::end_users_test
