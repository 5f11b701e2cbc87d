// POST /v1/messages through the real keygate binary to the fake provider: Anthropic clients'
// requests on OpenAI, Gemini and Mistral deployments (translated) and on Anthropic ones (native,
// byte for byte), with keys, limits, fallbacks, the ledger, metrics and the access log.
#include <gtest/gtest.h>

#include "door_support.hpp"
#include "metrics_text.hpp"

namespace keygate::testing::messages_door_test {
namespace {

namespace json = boost::json;
using namespace testing::doors;

class MessagesDoor : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(door_models(), door_keys()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& body, const std::string& secret = "sk-alice-doors-1",
                         const std::string& target = "/v1/messages") {
    return http_call(env->port(), "POST", target, body, anthropic_key(secret));
  }
  static std::string ledger() { return env->dir.path() + "/keygate-ledger.db"; }
};
gateway_fixture* MessagesDoor::env = nullptr;

std::string hello(const std::string& model, bool stream = false, const std::string& extra = "") {
  return R"({"model":")" + model +
         R"(","max_tokens":100,"messages":[{"role":"user",)"
         R"("content":"say hello now"}])" +
         (stream ? R"(,"stream":true)" : "") + extra + "}";
}

const std::string read_tool =
    R"("tools":[{"name":"get_weather","description":"weather","input_schema":{"type":"object",)"
    R"("properties":{"city":{"type":"string"}}}}])";

json::object error_of(const http_reply& reply) {
  auto body = json::parse(reply.body).as_object();
  EXPECT_EQ(body.at("type"), "error") << reply.body;
  return body.at("error").as_object();
}

TEST_F(MessagesDoor, AnOpenAIDeploymentAnswersAsAnthropic) {
  auto reply = post(hello("gpt"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto message = json::parse(reply.body).as_object();
  EXPECT_EQ(message.at("type"), "message");
  EXPECT_EQ(message.at("role"), "assistant");
  EXPECT_TRUE(message.at("id").as_string().starts_with("msg_"));
  EXPECT_EQ(message.at("content"),
            json::parse(R"([{"type":"text","text":"tok0 tok1 tok2 tok3"}])"));
  EXPECT_EQ(message.at("stop_reason"), "end_turn");
  EXPECT_EQ(message.at("usage").at("input_tokens"), 3);
  EXPECT_EQ(message.at("usage").at("output_tokens"), 4);
  EXPECT_EQ(reply.header("x-keygate-deployment"), "gpt");
  EXPECT_EQ(reply.header("request-id"), reply.header("x-request-id"));
}

TEST_F(MessagesDoor, AStreamFromAnOpenAIDeploymentIsAnthropicEvents) {
  auto reply = post(hello("gpt", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type"), "text/event-stream");
  auto events = events_of(reply.body);
  EXPECT_EQ(
      names_of(events),
      (std::vector<std::string>{"message_start", "content_block_start", "content_block_delta",
                                "content_block_delta", "content_block_delta", "content_block_delta",
                                "content_block_stop", "message_delta", "message_stop"}));
  EXPECT_EQ(events[7].data.at("usage").at("output_tokens"), 4);
  EXPECT_EQ(events[7].data.at("usage").at("input_tokens"), 3);
}

TEST_F(MessagesDoor, GeminiAndMistralDeploymentsAnswerToo) {
  for (const char* model : {"gemini", "mistral"}) {
    auto reply = post(hello(model));
    ASSERT_EQ(reply.status, 200) << model << ": " << reply.body;
    EXPECT_EQ(json::parse(reply.body).at("content").at(0).at("text"), "tok0 tok1 tok2 tok3");
    auto stream = post(hello(model, true));
    ASSERT_EQ(stream.status, 200);
    EXPECT_EQ(names_of(events_of(stream.body)).back(), "message_stop") << stream.body;
  }
}

TEST_F(MessagesDoor, AToolRoundTripOnAnOpenAIDeployment) {
  auto reply = post(R"({"model":"gpt","max_tokens":100,)" + read_tool +
                    R"(,"messages":[{"role":"user","content":"weather in Oslo?"}]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto message = json::parse(reply.body).as_object();
  EXPECT_EQ(message.at("stop_reason"), "tool_use");
  const auto& call = message.at("content").as_array().back().as_object();
  EXPECT_EQ(call.at("type"), "tool_use");
  EXPECT_EQ(call.at("name"), "get_weather");
  EXPECT_EQ(call.at("input"), json::parse(R"({"city":"Oslo"})"));

  const std::string id(call.at("id").as_string());
  auto answer = post(R"({"model":"gpt","max_tokens":100,)" + read_tool +
                     R"(,"messages":[{"role":"user","content":"weather in Oslo?"},)"
                     R"({"role":"assistant","content":[{"type":"tool_use","id":")" +
                     id +
                     R"(","name":"get_weather","input":{"city":"Oslo"}}]},)"
                     R"({"role":"user","content":[{"type":"tool_result","tool_use_id":")" +
                     id + R"(","content":"sunny"}]}]})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(json::parse(answer.body).at("stop_reason"), "end_turn");
  // What went upstream is OpenAI's tool message.
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("messages").at(2),
            json::parse(R"({"role":"tool","tool_call_id":")" + id + R"(","content":"sunny"})"));
}

TEST_F(MessagesDoor, AnAnthropicDeploymentTakesTheClientsOwnRequest) {
  auto reply = post(hello("claude", false, R"(,"top_k":3,"context_management":{"edits":[]})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto message = json::parse(reply.body).as_object();
  // The fake's own message, untouched.
  EXPECT_TRUE(message.at("id").as_string().starts_with("msg_fake")) << reply.body;
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("model"), "claude-fake@tokens=4");
  EXPECT_EQ(sent.at("top_k"), 3);
  EXPECT_TRUE(sent.as_object().contains("context_management"));
  EXPECT_EQ(sent.at("messages"), json::parse(R"([{"role":"user","content":"say hello now"}])"));
}

TEST_F(MessagesDoor, AnAnthropicDeploymentsStreamComesBackAsItWasSent) {
  auto reply = post(hello("claude", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  // The fake sends a ping, which a translated stream never has.
  EXPECT_NE(reply.body.find("event: ping"), std::string::npos) << reply.body;
  EXPECT_EQ(names_of(events_of(reply.body)).back(), "message_stop");
  EXPECT_NE(reply.body.find(R"("id":"msg_fake)"), std::string::npos);
}

TEST_F(MessagesDoor, AFallbackCrossesFromANativeDeploymentToATranslatedOne) {
  auto reply = post(hello("claude-529"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-deployment"), "gpt");
  EXPECT_EQ(json::parse(reply.body).at("content").at(0).at("text"), "tok0 tok1 tok2 tok3");
  auto stream = post(hello("claude-529", true));
  ASSERT_EQ(stream.status, 200);
  EXPECT_EQ(names_of(events_of(stream.body)).front(), "message_start");
  EXPECT_EQ(stream.body.find("event: ping"), std::string::npos);
}

TEST_F(MessagesDoor, KeysAreCheckedAndRefusalsAreAnthropicErrors) {
  auto none = http_call(env->port(), "POST", "/v1/messages", hello("gpt"),
                        {{"content-type", "application/json"}});
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(error_of(none).at("type"), "authentication_error");
  auto wrong = post(hello("gpt"), "sk-nobody");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body.find("sk-nobody"), std::string::npos);
  auto bearer_style = http_call(env->port(), "POST", "/v1/messages?beta=true", hello("gpt"),
                                bearer("sk-bob-doors-1"));
  EXPECT_EQ(bearer_style.status, 200) << bearer_style.body;
  auto unknown = post(hello("no-such-model"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_of(unknown).at("type"), "not_found_error");
}

TEST_F(MessagesDoor, LimitsRefuseInAnthropicsShape) {
  ASSERT_EQ(post(hello("gpt"), "sk-paced-doors-1").status, 200);
  auto refused = post(hello("gpt"), "sk-paced-doors-1");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(error_of(refused).at("type"), "rate_limit_error");
  EXPECT_FALSE(refused.header("retry-after").empty());
}

TEST_F(MessagesDoor, BadInputIsA400InAnthropicsShapeAndRecordedOnce) {
  const auto body_with = [](const std::string& model, const std::string& messages) {
    return R"({"model":")" + model + R"(","max_tokens":5,"messages":)" + messages + "}";
  };
  const std::string orphan_result =
      R"([{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_x",)"
      R"("content":"x"}]}])";
  const std::string unknown_block = R"([{"role":"user","content":[{"type":"hologram"}]}])";
  // The tool_result answers an id the assistant turn right before it did not call.
  const std::string wrong_result =
      R"([{"role":"assistant","content":[{"type":"tool_use","id":"toolu_a","name":"f",)"
      R"("input":{}}]},{"role":"user","content":[{"type":"tool_result",)"
      R"("tool_use_id":"toolu_b","content":"x"}]}])";
  const std::vector<std::string> bad = {
      "{not json",
      R"({"model":"gpt","messages":[{"role":"user","content":"x"}]})",
      body_with("gpt", R"([{"role":"robot","content":"x"}])"),
      body_with("gpt", orphan_result),
      R"(["model","gpt"])",
      body_with("gpt", R"("hello")"),
      // An unknown block type is refused on translated and native deployments alike.
      body_with("gpt", unknown_block),
      body_with("claude", unknown_block),
      body_with("claude", wrong_result),
  };
  for (const auto& body : bad) {
    auto reply = post(body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(json::parse(reply.body).at("type"), "error") << reply.body;
    EXPECT_EQ(error_of(reply).at("type"), "invalid_request_error") << reply.body;
    EXPECT_FALSE(error_of(reply).at("message").as_string().empty());
    const auto id = reply.header("x-request-id");
    EXPECT_TRUE(eventually([&] { return ledger_row(ledger(), id).second == 1; })) << body;
  }
}

TEST_F(MessagesDoor, AStreamCutMidwayEndsWithAnErrorEvent) {
  auto reply = post(hello("gpt-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto names = names_of(events_of(reply.body));
  EXPECT_EQ(names.back(), "error") << reply.body;
  EXPECT_EQ(std::count(names.begin(), names.end(), "message_stop"), 0);
}

TEST_F(MessagesDoor, TheLedgerMetricsAndAccessLogNameTheRoute) {
  auto reply = post(hello("gpt"));
  ASSERT_EQ(reply.status, 200);
  const auto id = reply.header("x-request-id");
  EXPECT_TRUE(eventually([&] { return ledger_row(ledger(), id).first == "messages"; }));
  EXPECT_EQ(ledger_row(ledger(), id).second, 1);
  const auto log = env->gateway->log_once_it_has(id);
  EXPECT_NE(log.find(R"("request_id":")" + id + R"(","route":"messages")"), std::string::npos);
  const auto metrics =
      http_call(env->port(), "GET", "/metrics", "", bearer("master-key-doors-0001"));
  EXPECT_GT(metric_sum(metrics.body, "keygate_requests_total", {{"route", "messages"}}), 0);
}

TEST_F(MessagesDoor, ClaudeCodesConnectivityCheckIsAnswered) {
  // HEAD / with no key: a 200 head and not one byte of body after it.
  const auto raw =
      raw_exchange(env->port(), "HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                   std::chrono::seconds(10));
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw;
  const auto end_of_head = raw.find("\r\n\r\n");
  ASSERT_NE(end_of_head, std::string::npos) << raw;
  EXPECT_EQ(raw.size(), end_of_head + 4) << raw;
}

// A PDF document and a server tool: Anthropic takes them, a translated deployment drops them.
const std::string with_document =
    R"({"model":"MODEL","max_tokens":100,"tools":[{"type":"web_search_20250305",)"
    R"("name":"web_search","max_uses":2}],"messages":[{"role":"user","content":[)"
    R"({"type":"document","source":{"type":"base64","media_type":"application/pdf",)"
    R"("data":"JVBERi0xLjQK"}},{"type":"text","text":"summarize it"}]}]})";

std::string for_model(std::string body, const std::string& model) {
  body.replace(body.find("MODEL"), 5, model);
  return body;
}

TEST_F(MessagesDoor, AnAnthropicDeploymentTakesDocumentsAndServerTools) {
  const auto body = for_model(with_document, "claude");
  auto reply = post(body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.header("x-keygate-dropped-params").empty());
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  auto expected = json::parse(body);
  expected.as_object()["model"] = "claude-fake@tokens=4";
  EXPECT_EQ(sent, expected);
}

TEST_F(MessagesDoor, ATranslatedDeploymentDropsAndNamesWhatItCannotCarry) {
  auto reply = post(for_model(with_document, "gpt"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"),
            "messages.0.content.0:document, tools.0:web_search_20250305");
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("messages"),
            json::parse(R"([{"role":"user","content":[{"type":"text","text":"summarize it"}]}])"));
  EXPECT_FALSE(sent.as_object().contains("tools"));
  // A strict deployment refuses instead, naming them, and nothing goes upstream.
  auto strict = post(for_model(with_document, "gpt-strict"));
  EXPECT_EQ(strict.status, 400) << strict.body;
  EXPECT_EQ(error_of(strict).at("type"), "invalid_request_error");
  EXPECT_NE(error_of(strict).at("message").as_string().find("messages.0.content.0:document"),
            std::string::npos);
}

TEST_F(MessagesDoor, AFallbackFromNativeToTranslatedDropsOnlyOnTheTranslatedAttempt) {
  auto reply = post(for_model(with_document, "claude-529"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-deployment"), "gpt");
  EXPECT_EQ(reply.header("x-keygate-dropped-params"),
            "messages.0.content.0:document, tools.0:web_search_20250305");
}

TEST_F(MessagesDoor, ClaudeCodesRequestPassesUntouchedToAnAnthropicDeployment) {
  const auto captured = claude_code_request("claude", "sk-alice-doors-1");
  auto reply =
      http_call(env->port(), "POST", "/v1/messages?beta=true", captured.body, captured.headers);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.header("x-keygate-dropped-params").empty());
  EXPECT_EQ(names_of(events_of(reply.body)).back(), "message_stop");
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  auto expected = json::parse(captured.body);
  expected.as_object()["model"] = "claude-fake@tokens=4";
  EXPECT_EQ(sent, expected);
}

TEST_F(MessagesDoor, ClaudeCodesRequestIsTranslatedWithItsDropsNamed) {
  for (const char* model : {"gpt", "gemini", "mistral"}) {
    const auto captured = claude_code_request(model, "sk-alice-doors-1");
    auto reply =
        http_call(env->port(), "POST", "/v1/messages?beta=true", captured.body, captured.headers);
    ASSERT_EQ(reply.status, 200) << model << ": " << reply.body;
    std::string named;
    for (const auto& name : captured.translated_drops) named += (named.empty() ? "" : ", ") + name;
    EXPECT_EQ(reply.header("x-keygate-dropped-params").substr(0, named.size()), named) << model;
    auto names = names_of(events_of(reply.body));
    EXPECT_EQ(names.front(), "message_start") << model;
    EXPECT_EQ(names.back(), "message_stop") << model;
  }
  // The user id reaches OpenAI as `user`; the mid-conversation system message stays in place.
  const auto captured = claude_code_request("gpt", "sk-alice-doors-1");
  ASSERT_EQ(
      http_call(env->port(), "POST", "/v1/messages?beta=true", captured.body, captured.headers)
          .status,
      200);
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("user"), json::parse(captured.body).at("metadata").at("user_id"));
  EXPECT_EQ(sent.at("messages").at(2).at("role"), "system");
  EXPECT_EQ(sent.at("tools").as_array().size(), 8u);
  EXPECT_EQ(sent.at("max_completion_tokens"), 32000);
}

TEST_F(MessagesDoor, TokensAreCountedByAnthropicOrEstimated) {
  const std::string body = R"({"model":"MODEL","system":"Be brief.","messages":[{"role":"user",)"
                           R"("content":"count these four words"}]})";
  auto counted = post(for_model(body, "claude"), "sk-alice-doors-1", "/v1/messages/count_tokens");
  ASSERT_EQ(counted.status, 200) << counted.body;
  // The fake counts words: Anthropic's own answer, not an estimate.
  EXPECT_EQ(json::parse(counted.body), json::parse(R"({"input_tokens":6})"));
  EXPECT_TRUE(counted.header("x-keygate-token-count").empty());
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("model"), "claude-fake@tokens=4");

  auto estimated = post(for_model(body, "gpt"), "sk-alice-doors-1", "/v1/messages/count_tokens");
  ASSERT_EQ(estimated.status, 200) << estimated.body;
  EXPECT_EQ(estimated.header("x-keygate-token-count"), "estimated");
  // 31 characters of text (8 tokens) and 4 for each of the two messages.
  EXPECT_EQ(json::parse(estimated.body), json::parse(R"({"input_tokens":16})"));
  const auto id = estimated.header("x-request-id");
  EXPECT_EQ(estimated.header("request-id"), id);
  // Counting spends nothing: no ledger row, but an access line.
  const auto log = env->gateway->log_once_it_has(id);
  EXPECT_NE(log.find(R"("route":"messages.count_tokens")"), std::string::npos) << log;
  EXPECT_EQ(ledger_row(ledger(), id).second, 0);
}

TEST_F(MessagesDoor, TokenCountRefusalsAreAnthropicErrors) {
  auto none = http_call(env->port(), "POST", "/v1/messages/count_tokens",
                        R"({"model":"gpt","messages":[]})", {{"content-type", "application/json"}});
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(error_of(none).at("type"), "authentication_error");
  auto unknown = post(R"({"model":"nope","messages":[{"role":"user","content":"x"}]})",
                      "sk-alice-doors-1", "/v1/messages/count_tokens");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_of(unknown).at("type"), "not_found_error");
  auto bad = post(R"({"model":"gpt"})", "sk-alice-doors-1", "/v1/messages/count_tokens");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_of(bad).at("type"), "invalid_request_error");
}

TEST_F(MessagesDoor, ModelsComeInAnthropicsShapeWhenAskedWithItsVersion) {
  auto reply =
      http_call(env->port(), "GET", "/v1/models?limit=2", "", anthropic_key("sk-alice-doors-1"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto list = json::parse(reply.body).as_object();
  const auto& data = list.at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[0].at("type"), "model");
  EXPECT_EQ(data[0].at("id"), "gpt");
  EXPECT_EQ(data[0].at("display_name"), "gpt");
  EXPECT_TRUE(data[0].at("created_at").as_string().ends_with("Z"));
  EXPECT_EQ(list.at("has_more"), true);
  EXPECT_EQ(list.at("first_id"), "gpt");
  EXPECT_EQ(list.at("last_id"), "gpt-truncate");
  auto next = http_call(env->port(), "GET", "/v1/models?limit=2&after_id=gpt-truncate", "",
                        anthropic_key("sk-alice-doors-1"));
  EXPECT_EQ(json::parse(next.body).at("first_id"), "claude");
  // Without anthropic-version: OpenAI's list.
  auto openai = http_call(env->port(), "GET", "/v1/models", "", bearer("sk-alice-doors-1"));
  EXPECT_EQ(json::parse(openai.body).at("object"), "list");
}

}  // namespace
}  // namespace keygate::testing::messages_door_test
