// POST /console/import over HTTP: a malformed export says where and imports nothing, an export
// over 50 MB is refused before its body is read, a good one lands.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "console_client.hpp"
#include "harness.hpp"

namespace keygate::testing::console_import_test {
namespace {

constexpr const char* good_export =
    R"([{"title": "Imported from ChatGPT", "create_time": 1700000000,
  "current_node": "a", "mapping": {
    "u": {"id": "u", "parent": null, "children": ["a"], "message": {"author": {"role": "user"},
          "content": {"parts": ["Hi there"]}, "create_time": 1700000000}},
    "a": {"id": "a", "parent": "u", "children": [], "message": {"author": {"role": "assistant"},
          "content": {"parts": ["Hello!"]}, "create_time": 1700000001}}}}])";

TEST(ConsoleImport, MalformedSaysWhereAndImportsNothingAGoodOneLands) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client alice(env.port());
  ASSERT_EQ(alice.sign_in(alice_secret).status, 200);

  const auto bad = alice.call("POST", "/console/import", R"([{"title": "x", "mapping": 3}])");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("conversation 1.mapping"), std::string::npos) << bad.body;
  const std::string half = std::string(good_export).substr(0, std::string(good_export).size() - 1) +
                           R"(, {"mapping": {"n": {"parent": "ghost"}}}])";
  const auto second_bad = alice.call("POST", "/console/import", half);
  EXPECT_EQ(second_bad.status, 400);
  EXPECT_NE(second_bad.body.find("conversation 2.mapping.n.parent"), std::string::npos);
  EXPECT_TRUE(alice.json("GET", "/console/conversations").at("conversations").as_array().empty());

  EXPECT_EQ(alice.json("POST", "/console/import", good_export),
            boost::json::parse(R"({"imported": 1})"));
  const auto list = alice.json("GET", "/console/conversations").at("conversations").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("title"), "Imported from ChatGPT");
  EXPECT_EQ(list[0].at("message_count"), 2);
}

TEST(ConsoleImport, Over50MBIsRefusedBeforeTheBodyIsRead) {
  gateway_fixture env(console_models_yaml(), console_auth_yaml());
  console_client alice(env.port());
  ASSERT_EQ(alice.sign_in(alice_secret).status, 200);
  // Only the head is sent: the answer comes without waiting for 50 MB that never arrive.
  const std::string head =
      "POST /console/import HTTP/1.1\r\nHost: x\r\nCookie: kg_session=" + alice.token() +
      "\r\nX-CSRF-Token: " + alice.csrf() +
      "\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(50 * 1024 * 1024 + 1) + "\r\n\r\n[";
  const auto answer = raw_exchange(env.port(), head, time_limit(std::chrono::milliseconds(3000)));
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
  // The same size is refused on any other path at the usual 10 MB limit...
  const std::string other = "POST /console/conversations HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                            std::to_string(20 * 1024 * 1024) + "\r\n\r\n";
  EXPECT_EQ(raw_exchange(env.port(), other, time_limit(std::chrono::milliseconds(3000)))
                .rfind("HTTP/1.1 413", 0),
            0u);
  // ...while an import between the two limits is read and judged on its content.
  std::string big = "[";
  const std::string one = std::string(good_export).substr(1, std::string(good_export).size() - 2);
  while (big.size() < 11 * 1024 * 1024) big += one + ",";
  big.back() = ']';
  const auto imported = alice.call("POST", "/console/import", big);
  EXPECT_EQ(imported.status, 200) << imported.body.substr(0, 200);
}

}  // namespace
}  // namespace keygate::testing::console_import_test
