// Startup validation and graceful shutdown of the real binary.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio.hpp>
#include <future>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::lifecycle_test {
namespace {

TEST(Shutdown, InFlightStreamsFinishThenTheProcessExitsZero) {
  gateway_fixture env(model_entry("gpt-long", "fake-gpt@itl=100,tokens=12"));
  auto stream = std::async(std::launch::async, [&] {
    return post_json(env.port(), "/v1/chat/completions", chat_body("gpt-long", true));
  });
  // SIGTERM once the stream is under way upstream.
  ASSERT_TRUE(
      eventually([&] { return fake_stat(env, "streams_active") > 0; }, std::chrono::seconds(3)));
  env.gateway->signal(SIGTERM);
  eventually([&] { return http_call(env.port(), "GET", "/health").status == 0; },
             std::chrono::seconds(1));
  EXPECT_EQ(http_call(env.port(), "GET", "/health").status, 0) << "no longer accepting";
  auto reply = stream.get();
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.back(), "[DONE]") << "the stream completed during the drain";
  EXPECT_EQ(env.gateway->wait(std::chrono::seconds(5)), 0);
}

TEST(Shutdown, IdleKeepAliveConnectionsDoNotHoldTheDrain) {
  gateway_fixture env(model_entry("gpt", "fake-gpt"));
  namespace net = boost::asio;
  // A keep-alive connection that has had its answer and stays open, idle.
  net::io_context io;
  net::ip::tcp::socket idle(io);
  idle.connect({net::ip::make_address("127.0.0.1"), env.port()});
  net::write(idle, net::buffer(std::string("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")));
  std::string answer;
  net::read_until(idle, net::dynamic_buffer(answer), "\r\n\r\n");
  ASSERT_NE(answer.find("200 OK"), std::string::npos);
  auto start = std::chrono::steady_clock::now();
  env.gateway->signal(SIGINT);
  EXPECT_EQ(env.gateway->wait(std::chrono::seconds(5)), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_limit(std::chrono::seconds(2)));
}

class CheckConfig : public ::testing::Test {
 protected:
  int check(const std::string& yaml, std::string& output) {
    return run_command(
        std::string(KEYGATE_BINARY) + " --check-config " + dir.write("config.yaml", yaml), output);
  }
  temp_dir dir;
};

TEST_F(CheckConfig, AcceptsTheExampleConfig) {
  std::string out;
  auto example = std::string(KEYGATE_SOURCE_DIR) + "/config.example.yaml";
  EXPECT_EQ(run_command(std::string(KEYGATE_BINARY) + " --check-config " + example, out), 0) << out;
}

TEST_F(CheckConfig, WarnsAboutADeploymentThatDoesNotVerifyTls) {
  std::string out;
  EXPECT_EQ(check("models:\n  - name: lab\n    provider: openai_compatible\n"
                  "    api_base: https://gpu-box.lab:8443/v1\n    tls_verify: false\n"
                  "  - name: safe\n    provider: openai_compatible\n"
                  "    api_base: https://gpu-box.lab:8443/v1\n",
                  out),
            0)
      << out;
  EXPECT_NE(out.find("warning: lab does not verify its upstream's TLS certificate"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("warning: safe does not verify"), std::string::npos) << out;
}

TEST_F(CheckConfig, ReportsEveryProblemWithFileLineAndField) {
  std::string out;
  int rc = check(
      "server:\n  port: 99999\nmodels:\n  - name: a\n    provider: nope\n"
      "  - name: b\n    provider: openai\n    api_key: ${KEYGATE_TEST_UNSET_VARIABLE}\n"
      "  - name: b\n    provider: mock\n    colour: blue\n",
      out);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("config.yaml:2: server.port: must be 0 to 65535"), std::string::npos) << out;
  EXPECT_NE(out.find("config.yaml:5: models[0].provider: unknown provider 'nope'"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(":8: models[1].api_key: environment variable KEYGATE_TEST_UNSET_VARIABLE is "
                     "not set"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(":9: models[2].name: duplicate model name 'b'"), std::string::npos) << out;
  EXPECT_NE(out.find(":11: models[2].colour: unknown field"), std::string::npos) << out;
}

TEST_F(CheckConfig, StartupRefusesABadConfigWithTheSameMessage) {
  auto path = dir.write("bad.yaml",
                        "models:\n  - name: x\n    provider: openai\n    api_base: ftp://h\n"
                        "    api_key: k\n");
  std::string out;
  EXPECT_EQ(run_command(std::string(KEYGATE_BINARY) + " --config " + path, out), 2);
  EXPECT_NE(out.find("bad.yaml:4: models[0].api_base: the scheme must be http or https"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace keygate::testing::lifecycle_test
