// Vertex AI through the real keygate binary to the fake provider: Gemini and Claude under their
// publishers' paths, with OAuth2 tokens the fake's /token endpoint issues for a service account
// whose RS256 assertion it verifies (docs/vertex.md).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"
#include "tests/support/service_account_key.hpp"

namespace keygate::testing::vertex_test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

const std::string master = "sk-vertex-master-0001";

std::string vertex_entry(const std::string& name, const std::string& model,
                         const std::string& location, const std::string& key_file) {
  return "  - name: " + name + "\n    provider: vertex\n    model: \"" + model +
         "\"\n    project: test-project\n    location: " + location +
         "\n    api_base: FAKE_ROOT\n    credentials_file: " + key_file + "\n";
}

class VertexProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    key = new rsa_key_pair(generate_rsa_key());
    const auto stranger = generate_rsa_key();  // its public half is never registered
    const auto prepare = [stranger](unsigned short fake_port, const temp_dir& dir) {
      const std::string token_uri = "http://127.0.0.1:" + std::to_string(fake_port) + "/token";
      dir.write("sa.json", service_account_json(*key, "gateway@test-project.iam", token_uri));
      dir.write("sa-burst.json", service_account_json(*key, "burst@test-project.iam", token_uri));
      dir.write("sa-stranger.json",
                service_account_json(stranger, "stranger@test-project.iam", token_uri));
      for (const char* email : {"gateway@test-project.iam", "burst@test-project.iam"}) {
        const json::object account{{"client_email", email}, {"public_key", key->public_pem}};
        const auto registered =
            http_call(fake_port, "POST", "/fake/google/accounts", json::serialize(account));
        ASSERT_EQ(registered.status, 200) << registered.body;
      }
    };
    env = new gateway_fixture(
        vertex_entry("gemini-vertex", "gemini-2.0-flash@tokens=4", "us-central1", "sa.json") +
            vertex_entry("claude-vertex", "claude-sonnet-4@tokens=4", "us-east5", "sa.json") +
            vertex_entry("gemini-global", "gemini-2.5-pro", "global", "sa.json") +
            vertex_entry("gemini-burst", "gemini-2.0-flash@tokens=2", "europe-west4",
                         "sa-burst.json") +
            vertex_entry("vertex-stranger", "gemini-2.0-flash", "us-central1", "sa-stranger.json") +
            vertex_entry("gemini-retried", "gemini-2.0-flash@tokens=3", "us-central1", "sa.json") +
            "    retries: 1\n",
        "auth:\n  master_key: " + master + "\n", prepare);
  }
  static void TearDownTestSuite() {
    delete env;
    delete key;
  }
  static gateway_fixture* env;
  static rsa_key_pair* key;

  static http_reply ask(const std::string& model, bool stream = false,
                        const std::string& extra = "") {
    return chat(env->port(), master, model, stream, extra);
  }
  static json::object vertex_state() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/vertex");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
  static std::string last_path() { return std::string(vertex_state().at("last_path").as_string()); }
  static long exchanges() { return fake_stat(*env, "token_exchanges"); }
  static json::object last_native_request() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/last-request");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
  // A line from the middle of the private key's PEM: it must never show up anywhere.
  static std::string private_key_line() {
    const auto& pem = key->private_pem;
    const auto start = pem.find('\n', pem.size() / 2) + 1;
    return pem.substr(start, pem.find('\n', start) - start);
  }
};
gateway_fixture* VertexProvider::env = nullptr;
rsa_key_pair* VertexProvider::key = nullptr;

std::string content_of(const http_reply& reply) {
  auto answer = json::parse(reply.body);
  return std::string(answer.at("choices").at(0).at("message").at("content").as_string());
}

std::string streamed_text(const http_reply& reply) {
  std::string text;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array()) {
      const auto& delta = choice.at("delta").as_object();
      if (auto it = delta.find("content"); it != delta.end() && it->value().is_string())
        text += it->value().as_string();
    }
  return text;
}

TEST_F(VertexProvider, GeminiWholeAnswerUnderTheRegionalPublisherPath) {
  auto reply = ask("gemini-vertex");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(content_of(reply), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(last_path(),
            "/v1/projects/test-project/locations/us-central1/publishers/google/models/"
            "gemini-2.0-flash@tokens=4:generateContent");
  EXPECT_TRUE(last_native_request().contains("contents"));
}

TEST_F(VertexProvider, GeminiStreamed) {
  auto reply = ask("gemini-vertex", true, R"(,"stream_options":{"include_usage":true})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
  EXPECT_EQ(streamed_text(reply), "tok0 tok1 tok2 tok3");
  EXPECT_TRUE(last_path().ends_with(":streamGenerateContent")) << last_path();
}

TEST_F(VertexProvider, GlobalLocationGoesToTheGlobalPath) {
  auto reply = ask("gemini-global");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(last_path(),
            "/v1/projects/test-project/locations/global/publishers/google/models/"
            "gemini-2.5-pro:generateContent");
}

TEST_F(VertexProvider, ClaudeWholeAnswerThroughRawPredict) {
  auto reply = ask("claude-vertex", false, R"(,"max_tokens":64)");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(content_of(reply).empty());
  EXPECT_EQ(last_path(),
            "/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/"
            "claude-sonnet-4@tokens=4:rawPredict");
  auto native = last_native_request();
  EXPECT_EQ(native.at("anthropic_version").as_string(), "vertex-2023-10-16");
  EXPECT_FALSE(native.contains("model"));
  EXPECT_EQ(native.at("max_tokens").as_int64(), 64);
}

TEST_F(VertexProvider, ClaudeStreamedThroughStreamRawPredict) {
  auto reply = ask("claude-vertex", true);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
  EXPECT_FALSE(streamed_text(reply).empty());
  EXPECT_TRUE(last_path().ends_with(":streamRawPredict")) << last_path();
}

// 50 requests at once on a service account with no token: one exchange. Again once the token
// has expired.
TEST_F(VertexProvider, ConcurrentRequestsShareOneTokenExchange) {
  ASSERT_EQ(http_call(env->fake.port(), "POST", "/fake/vertex?token_lifetime=4").status, 200);
  const auto burst = [] {
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 50; ++i)
      clients.emplace_back([&ok] {
        if (ask("gemini-burst").status == 200) ++ok;
      });
    for (auto& c : clients) c.join();
    return ok.load();
  };
  const long before = exchanges();
  const auto issued = std::chrono::steady_clock::now();
  EXPECT_EQ(burst(), 50);
  EXPECT_EQ(exchanges() - before, 1);
  // The token lives 4 s; keygate replaces it a second early. The wait is for that expiry.
  ASSERT_TRUE(eventually([&] { return std::chrono::steady_clock::now() >= issued + 4s; }, 10s));
  EXPECT_EQ(burst(), 50);
  EXPECT_EQ(exchanges() - before, 2);
  ASSERT_EQ(http_call(env->fake.port(), "POST", "/fake/vertex?token_lifetime=3600").status, 200);
}

TEST_F(VertexProvider, ARevokedTokenIsAClear401ThenANewTokenIsFetched) {
  ASSERT_EQ(ask("gemini-vertex").status, 200);
  const long before = exchanges();
  ASSERT_EQ(http_call(env->fake.port(), "POST", "/fake/vertex?revoke=1").status, 200);
  auto refused = ask("gemini-vertex");
  EXPECT_EQ(refused.status, 401) << refused.body;
  auto error = json::parse(refused.body).at("error").as_object();
  EXPECT_NE(error.at("message").as_string().find("Deployment 'gemini-vertex'"), std::string::npos)
      << refused.body;
  EXPECT_EQ(error.at("code").as_string(), "upstream_authentication_failed");
  EXPECT_EQ(refused.body.find(private_key_line()), std::string::npos);
  auto recovered = ask("gemini-vertex");
  EXPECT_EQ(recovered.status, 200) << recovered.body;
  EXPECT_EQ(exchanges() - before, 1);
}

TEST_F(VertexProvider, WithRetriesARevokedTokenIsReplacedWithinTheRequest) {
  ASSERT_EQ(ask("gemini-retried").status, 200);
  const long before = exchanges();
  ASSERT_EQ(http_call(env->fake.port(), "POST", "/fake/vertex?revoke=1").status, 200);
  auto reply = ask("gemini-retried");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(content_of(reply), "tok0 tok1 tok2");
  EXPECT_EQ(exchanges() - before, 1);
}

TEST_F(VertexProvider, ARefusedExchangeNamesTheDeploymentAndTheReason) {
  auto refused = ask("vertex-stranger");
  EXPECT_EQ(refused.status, 401) << refused.body;
  const auto message = std::string(json::parse(refused.body).at("error").at("message").as_string());
  EXPECT_NE(message.find("Deployment 'vertex-stranger' could not authenticate to Vertex AI"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("invalid_grant"), std::string::npos) << message;
}

TEST_F(VertexProvider, ThePrivateKeyIsNeverShown) {
  EXPECT_NE(ask("vertex-stranger").status, 200);  // 401, or 503 once it is benched
  ASSERT_EQ(ask("gemini-vertex").status, 200);
  const auto line = private_key_line();
  ASSERT_GE(line.size(), 40u);
  EXPECT_EQ(env->gateway->log().find(line), std::string::npos);
  EXPECT_EQ(env->gateway->log().find("PRIVATE KEY"), std::string::npos);
  auto config = http_call(env->port(), "GET", "/admin/config", "", bearer(master));
  ASSERT_EQ(config.status, 200) << config.body;
  EXPECT_NE(config.body.find("sa.json"), std::string::npos);
  EXPECT_EQ(config.body.find(line), std::string::npos);
  auto metrics = http_call(env->port(), "GET", "/metrics", "", bearer(master));
  EXPECT_EQ(metrics.body.find(line), std::string::npos);
}

}  // namespace
}  // namespace keygate::testing::vertex_test
