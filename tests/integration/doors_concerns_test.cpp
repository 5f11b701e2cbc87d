// What the gateway does around every request, checked on the Messages and Responses doors: a
// client that hangs up cancels the upstream stream, upstream secrets are scrubbed, budgets reserve
// and settle, retries move to another deployment, and a reloaded configuration applies.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <thread>

#include "door_support.hpp"

namespace keygate::testing::doors_concerns_test {
namespace {

namespace json = boost::json;
namespace net = boost::asio;
using namespace testing::doors;
using std::chrono::milliseconds;

const std::string refused_key = "bad-key-0123456789abcdef-wxyz";

std::string concern_models(const std::string& extra = "") {
  auto refused = [](const std::string& name) {
    return "  - name: " + name + "\n    provider: openai\n    model: fake-gpt\n" +
           "    api_base: FAKE\n    api_key: " + refused_key + "\n";
  };
  return entry("long", "openai", "fake-gpt@itl=100,tokens=100") +
         entry("priced", "openai", "fake-gpt@tokens=5", "FAKE",
               "    price: {input: 1000, output: 2000}\n") +
         refused("refused-messages") + refused("refused-responses") +
         "  - name: retried\n    strategy: priority\n    retries: 1\n    deployments:\n"
         "      - {name: flaky, priority: 0, provider: openai, model: \"fake-gpt@status=500\","
         " api_base: FAKE, api_key: test-key}\n"
         "      - {name: steady, priority: 1, provider: anthropic, model: claude-fake,"
         " api_base: FAKE, api_key: test-key}\n"
         "  - name: benching\n    strategy: priority\n    retries: 1\n    deployments:\n"
         "      - {name: broken, priority: 0, provider: openai, model: \"fake-gpt@status=401\","
         " api_base: FAKE, api_key: test-key}\n"
         "      - {name: healthy, priority: 1, provider: gemini, model: gemini-fake,"
         " api_base: FAKEbeta, api_key: test-key}\n" +
         extra;
}

const std::string concern_keys =
    "router:\n  retries: 0\n  backoff_base_ms: 1\n"
    "auth:\n  keys:\n"
    "    - {id: alice, key: sk-alice-concerns}\n"
    "    - {id: capped-m, key: sk-capped-m, budget: {usd: 0.000001}}\n"
    "    - {id: capped-r, key: sk-capped-r, budget: {usd: 0.000001}}\n";

std::string messages_body(const std::string& model, bool stream = false) {
  return R"({"model":")" + model +
         R"(","max_tokens":200,"messages":[{"role":"user",)"
         R"("content":"say hello now"}])" +
         (stream ? R"(,"stream":true)" : "") + "}";
}

std::string responses_body(const std::string& model, bool stream = false) {
  return R"({"model":")" + model + R"(","input":"say hello now")" +
         (stream ? R"(,"stream":true)" : "") + "}";
}

http_reply on_door(unsigned short port, const std::string& door, const std::string& body,
                   const std::string& secret = "sk-alice-concerns") {
  return http_call(port, "POST", door, body,
                   door == "/v1/messages" ? anthropic_key(secret) : bearer(secret));
}

class DoorConcerns : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(concern_models(), concern_keys); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
};
gateway_fixture* DoorConcerns::env = nullptr;

json::object fake_stats() {
  return json::parse(http_call(DoorConcerns::env->fake.port(), "GET", "/fake/stats").body)
      .as_object();
}

// Sends a streamed request, reads its first bytes, and hangs up.
void hang_up_mid_stream(unsigned short port, const std::string& target, const std::string& body) {
  net::io_context io;
  net::ip::tcp::socket socket(io);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  const std::string request = "POST " + target +
                              " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              "Authorization: Bearer sk-alice-concerns\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  net::write(socket, net::buffer(request));
  char first[64];
  socket.read_some(net::buffer(first));
  socket.close();
}

TEST_F(DoorConcerns, HangingUpCancelsTheUpstreamStream) {
  const auto before = fake_stats().at("streams_cancelled").as_int64();
  hang_up_mid_stream(env->port(), "/v1/messages", messages_body("long", true));
  EXPECT_TRUE(
      eventually([&] { return fake_stats().at("streams_cancelled").as_int64() == before + 1; }));
  hang_up_mid_stream(env->port(), "/v1/responses", responses_body("long", true));
  EXPECT_TRUE(
      eventually([&] { return fake_stats().at("streams_cancelled").as_int64() == before + 2; }));
  EXPECT_TRUE(eventually([&] { return fake_stats().at("streams_active").as_int64() == 0; }));
  const auto log = env->gateway->log_once_it_has("\"route\":\"responses\"");
  EXPECT_NE(log.find("\"client_gone\":true"), std::string::npos);
}

TEST_F(DoorConcerns, AKeyTheUpstreamQuotesIsScrubbed) {
  for (const auto& [door, model] :
       {std::pair{std::string("/v1/messages"), std::string("refused-messages")},
        std::pair{std::string("/v1/responses"), std::string("refused-responses")}}) {
    const auto body = door == "/v1/messages" ? messages_body(model) : responses_body(model);
    auto reply = on_door(env->port(), door, body);
    EXPECT_EQ(reply.status, 401) << reply.body;
    EXPECT_NE(reply.body.find("[redacted]"), std::string::npos) << reply.body;
    for (const char* piece : {"bad-key-01", "0123456789", "wxyz"})
      EXPECT_EQ(reply.body.find(piece), std::string::npos) << piece << " in " << reply.body;
  }
  const auto last = on_door(env->port(), "/v1/messages", messages_body("priced"));
  const auto log = env->gateway->log_once_it_has(last.header("x-request-id"));
  for (const char* piece : {"bad-key-01", "0123456789", "wxyz", "test-key"})
    EXPECT_EQ(log.find(piece), std::string::npos) << piece << " in the log";
}

TEST_F(DoorConcerns, BudgetsReserveAndSettle) {
  // The first request passes at the budget's edge and spends past it; the next is refused.
  for (const auto& [door, secret] : {std::pair{std::string("/v1/messages"), "sk-capped-m"},
                                     std::pair{std::string("/v1/responses"), "sk-capped-r"}}) {
    const auto body = door == "/v1/messages" ? messages_body("priced") : responses_body("priced");
    auto first = on_door(env->port(), door, body, secret);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_FALSE(first.header("x-keygate-cost-usd").empty());
    auto second = on_door(env->port(), door, body, secret);
    EXPECT_EQ(second.status, 429) << second.body;
    if (door == "/v1/messages")
      EXPECT_EQ(json::parse(second.body).at("error").at("type"), "rate_limit_error");
    else
      EXPECT_EQ(json::parse(second.body).at("error").at("code"), "budget_exceeded");
  }
}

TEST_F(DoorConcerns, RetriesMoveToAnotherDeployment) {
  for (const std::string door : {"/v1/messages", "/v1/responses"}) {
    const auto body =
        door == "/v1/messages" ? messages_body("retried", true) : responses_body("retried", true);
    auto reply = on_door(env->port(), door, body);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
    EXPECT_EQ(reply.header("x-keygate-deployment"), "steady");
  }
}

TEST_F(DoorConcerns, ABrokenDeploymentIsBenchedForEveryDoor) {
  // A 401 benches the deployment: the Messages request tries it once, the Responses request after
  // it goes straight to the healthy one.
  auto first = on_door(env->port(), "/v1/messages", messages_body("benching"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-keygate-attempts"), "2");
  auto second = on_door(env->port(), "/v1/responses", responses_body("benching"));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.header("x-keygate-attempts"), "1");
  EXPECT_EQ(second.header("x-keygate-deployment"), "healthy");
}

TEST(DoorReload, ANewModelServesBothDoorsAfterAReload) {
  gateway_fixture env(concern_models(), concern_keys);
  EXPECT_EQ(on_door(env.port(), "/v1/messages", messages_body("fresh")).status, 404);
  env.rewrite_config(concern_models(entry("fresh", "gemini", "gemini-fake@tokens=2", "FAKEbeta")),
                     concern_keys);
  EXPECT_TRUE(eventually(
      [&] { return on_door(env.port(), "/v1/messages", messages_body("fresh")).status == 200; }));
  auto reply = on_door(env.port(), "/v1/responses", responses_body("fresh"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body).at("output").at(0).at("content").at(0).at("text"), "tok0 tok1");
}

}  // namespace
}  // namespace keygate::testing::doors_concerns_test
