// /v1/responses through the real keygate binary to the fake provider: OpenAI Responses clients on
// OpenAI, Anthropic and Gemini deployments, stored responses and conversations continued across
// providers, with keys, limits, the ledger, metrics and the access log.
#include <gtest/gtest.h>

#include "door_support.hpp"
#include "metrics_text.hpp"

namespace keygate::testing::responses_door_test {
namespace {

namespace json = boost::json;
using namespace testing::doors;

class ResponsesDoor : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(door_models(), door_keys()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& body, const std::string& secret = "sk-alice-doors-1") {
    return http_call(env->port(), "POST", "/v1/responses", body, bearer(secret));
  }
  static http_reply get(const std::string& target, const std::string& secret = "sk-alice-doors-1",
                        const std::string& method = "GET") {
    return http_call(env->port(), method, target, "", bearer(secret));
  }
  static std::string ledger() { return env->dir.path() + "/keygate-ledger.db"; }
};
gateway_fixture* ResponsesDoor::env = nullptr;

std::string ask(const std::string& model, const std::string& input, const std::string& extra = "") {
  return R"({"model":")" + model + R"(","input":")" + input + "\"" + extra + "}";
}

const std::string weather =
    R"(,"tools":[{"type":"function","name":"get_weather","description":"weather",)"
    R"("parameters":{"type":"object","properties":{"city":{"type":"string"}}}}])";

json::object response_of(const http_reply& reply) {
  EXPECT_EQ(reply.status, 200) << reply.body;
  return json::parse(reply.body).as_object();
}

std::string text_of(const json::object& response) {
  for (const auto& item : response.at("output").as_array())
    if (item.at("type") == "message")
      return std::string(item.at("content").at(0).at("text").as_string());
  return {};
}

TEST_F(ResponsesDoor, WholeAnswersFromEveryKindOfDeployment) {
  for (const char* model : {"gpt", "claude", "gemini", "mistral"}) {
    auto response = response_of(post(ask(model, "say hello now")));
    EXPECT_EQ(response.at("object"), "response") << model;
    EXPECT_EQ(response.at("status"), "completed") << model;
    EXPECT_TRUE(response.at("id").as_string().starts_with("resp_"));
    EXPECT_EQ(text_of(response), "tok0 tok1 tok2 tok3") << model;
    EXPECT_EQ(response.at("usage").at("output_tokens"), 4) << model;
  }
}

TEST_F(ResponsesDoor, AnOpenAIDeploymentTakesTheClientsOwnRequest) {
  auto reply = post(ask("gpt", "say hello now", R"(,"truncation":"auto","include":[])"));
  auto response = response_of(reply);
  // The fake's own Response, untouched.
  EXPECT_TRUE(response.at("id").as_string().starts_with("resp_fake_")) << reply.body;
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent, json::parse(R"({"model":"fake-gpt@tokens=4","input":"say hello now",)"
                              R"("truncation":"auto","include":[]})"));
  // A compatible server gets the canonical chat request instead.
  auto translated = response_of(post(ask("compatible", "say hello now")));
  EXPECT_FALSE(translated.at("id").as_string().starts_with("resp_fake_"));
  sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_TRUE(sent.as_object().contains("messages"));
}

TEST_F(ResponsesDoor, ANativeStreamComesBackAsItWasSent) {
  auto reply = post(ask("gpt", "say hello now", R"(,"stream":true)"));
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find(R"("id":"resp_fake_)"), std::string::npos) << reply.body;
  EXPECT_EQ(events_of(reply.body).back().name, "response.completed");
}

TEST_F(ResponsesDoor, ANativeContinuationCarriesItsHistory) {
  auto first = response_of(post(ask("claude", "remember the word pear")));
  auto second = response_of(
      post(ask("gpt", "which word?",
               R"(,"previous_response_id":")" + std::string(first.at("id").as_string()) + "\"")));
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_FALSE(sent.as_object().contains("previous_response_id"));
  const auto& input = sent.at("input").as_array();
  ASSERT_EQ(input.size(), 3u) << sent;
  EXPECT_EQ(input[0].at("content").at(0).at("text"), "remember the word pear");
  EXPECT_EQ(input[1].at("role"), "assistant");
  EXPECT_EQ(input[2].at("content").at(0).at("text"), "which word?");
  // The upstream never saw previous_response_id; keygate writes it back into its Response.
  EXPECT_EQ(second.at("previous_response_id"), first.at("id"));
  // The native answer is stored under the upstream's own id, and continues further.
  const std::string id(second.at("id").as_string());
  EXPECT_EQ(get("/v1/responses/" + id).status, 200);
  EXPECT_EQ(post(ask("gemini", "and?", R"(,"previous_response_id":")" + id + "\"")).status, 200);
}

TEST_F(ResponsesDoor, ANativeStreamedContinuationNamesWhatItContinues) {
  const std::string first(response_of(post(ask("claude", "remember pear"))).at("id").as_string());
  auto reply =
      post(ask("gpt", "which?", R"(,"stream":true,"previous_response_id":")" + first + "\""));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto events = events_of(reply.body);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.front().name, "response.created");
  EXPECT_EQ(events.front().data.at("response").at("previous_response_id"), json::value(first));
  EXPECT_EQ(events.back().name, "response.completed");
  EXPECT_EQ(events.back().data.at("response").at("previous_response_id"), json::value(first));
  // Every other event goes out as the upstream numbered it.
  for (std::size_t i = 0; i < events.size(); ++i)
    EXPECT_EQ(events[i].data.at("sequence_number").as_int64(), static_cast<std::int64_t>(i));
}

TEST_F(ResponsesDoor, AzureDeploymentsOfferingResponsesTakeTheClientsOwnRequest) {
  // The v1 API (/openai/v1/responses) and a dated one (/openai/responses?api-version=...).
  for (const char* model : {"azure-responses", "azure-dated-responses"}) {
    auto response = response_of(post(ask(model, "say hello now", R"(,"truncation":"auto")")));
    EXPECT_TRUE(response.at("id").as_string().starts_with("resp_fake_")) << model;
    auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
    EXPECT_EQ(sent, json::parse(R"({"model":"fake-gpt@tokens=4","input":"say hello now",)"
                                R"("truncation":"auto"})"))
        << model;
  }
  auto streamed = post(ask("azure-responses", "say hello now", R"(,"stream":true)"));
  ASSERT_EQ(streamed.status, 200) << streamed.body;
  EXPECT_NE(streamed.body.find(R"("id":"resp_fake_)"), std::string::npos) << streamed.body;
  const auto events = events_of(streamed.body);
  ASSERT_FALSE(events.empty()) << streamed.body;
  EXPECT_EQ(events.back().name, "response.completed");
  // Stored under the upstream's id like any native answer.
  const auto& done = events.back().data.at("response").as_object();
  EXPECT_EQ(get("/v1/responses/" + std::string(done.at("id").as_string())).status, 200);
  // An Azure deployment without the Responses API gets the canonical chat request.
  auto translated = response_of(post(ask("azure-chat", "say hello now")));
  EXPECT_FALSE(translated.at("id").as_string().starts_with("resp_fake_"));
  EXPECT_EQ(text_of(translated), "tok0 tok1 tok2 tok3");
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_TRUE(sent.as_object().contains("messages"));
}

TEST_F(ResponsesDoor, AFallbackCrossesFromANativeDeploymentToATranslatedOne) {
  auto reply = post(ask("gpt-fails", "x", R"(,"stream":true)"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-deployment"), "claude");
  EXPECT_EQ(events_of(reply.body).back().name, "response.completed");
}

TEST_F(ResponsesDoor, AStreamIsTypedEventsInSequence) {
  auto reply = post(ask("gpt", "say hello now", R"(,"stream":true)"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto events = events_of(reply.body);
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events.front().name, "response.created");
  EXPECT_EQ(events.back().name, "response.completed");
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].data.at("type").as_string(), events[i].name);
    EXPECT_EQ(events[i].data.at("sequence_number").as_int64(), static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(reply.body.find("[DONE]"), std::string::npos);
  const auto& done = events.back().data.at("response").as_object();
  EXPECT_EQ(text_of(done), "tok0 tok1 tok2 tok3");
  // A streamed response is stored as it ended.
  auto stored = response_of(get("/v1/responses/" + std::string(done.at("id").as_string())));
  EXPECT_EQ(stored.at("output"), done.at("output"));
}

TEST_F(ResponsesDoor, FunctionCallsOnOpenAIAndAnthropicDeployments) {
  for (const char* model : {"gpt", "claude"}) {
    auto response = response_of(post(ask(model, "weather in Oslo?", weather)));
    const auto& call = response.at("output").as_array().back().as_object();
    EXPECT_EQ(call.at("type"), "function_call") << model;
    EXPECT_EQ(call.at("name"), "get_weather");
    EXPECT_EQ(json::parse(call.at("arguments").as_string()), json::parse(R"({"city":"Oslo"})"));
    EXPECT_FALSE(call.at("call_id").as_string().empty());
  }
}

TEST_F(ResponsesDoor, AConversationContinuesOnAnotherProvider) {
  auto first = response_of(post(ask("gpt", "remember the word apple")));
  const std::string id(first.at("id").as_string());
  auto second = response_of(
      post(ask("claude", "what was the word?", R"(,"previous_response_id":")" + id + "\"")));
  EXPECT_EQ(second.at("previous_response_id").as_string(), id);
  // The Anthropic deployment was given the whole conversation.
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  const auto& messages = sent.at("messages").as_array();
  ASSERT_EQ(messages.size(), 3u) << sent;
  EXPECT_EQ(messages[0].at("content").at(0).at("text"), "remember the word apple");
  EXPECT_EQ(messages[1].at("role"), "assistant");
  EXPECT_EQ(messages[1].at("content").at(0).at("text"), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(messages[2].at("content").at(0).at("text"), "what was the word?");
  // And a third turn continues from the second.
  auto third =
      post(ask("gemini", "and again?",
               R"(,"previous_response_id":")" + std::string(second.at("id").as_string()) + "\""));
  EXPECT_EQ(third.status, 200) << third.body;
}

TEST_F(ResponsesDoor, StoredResponsesAreReadListedAndDeletedByTheirKeyOnly) {
  auto made = response_of(post(R"({"model":"gpt","input":[{"role":"user","content":"one"},)"
                               R"({"role":"user","content":"two"}]})"));
  const std::string id(made.at("id").as_string());
  EXPECT_EQ(response_of(get("/v1/responses/" + id)), made);
  auto items = response_of(get("/v1/responses/" + id + "/input_items?order=asc"));
  EXPECT_EQ(items.at("object"), "list");
  ASSERT_EQ(items.at("data").as_array().size(), 2u);
  EXPECT_EQ(items.at("data").at(0).at("content"), "one");
  EXPECT_EQ(items.at("first_id"), items.at("data").at(0).at("id"));
  EXPECT_EQ(response_of(get("/v1/responses/" + id + "/input_items")).at("data").at(0).at("content"),
            "two");  // newest first by default
  // Another key sees nothing, and cannot continue from it or delete it.
  EXPECT_EQ(get("/v1/responses/" + id, "sk-bob-doors-1").status, 404);
  EXPECT_EQ(get("/v1/responses/" + id, "sk-bob-doors-1", "DELETE").status, 404);
  auto continued =
      post(ask("gpt", "x", R"(,"previous_response_id":")" + id + "\""), "sk-bob-doors-1");
  EXPECT_EQ(continued.status, 400);
  EXPECT_EQ(json::parse(continued.body).at("error").at("code"), "previous_response_not_found");
  auto deleted = response_of(get("/v1/responses/" + id, "sk-alice-doors-1", "DELETE"));
  EXPECT_EQ(deleted, json::parse(R"({"id":")" + id +
                                 R"(","object":"response.deleted",)"
                                 R"("deleted":true})"));
  EXPECT_EQ(get("/v1/responses/" + id).status, 404);
}

TEST_F(ResponsesDoor, StoreFalseKeepsNothing) {
  auto made = response_of(post(ask("gpt", "secret", R"(,"store":false)")));
  EXPECT_EQ(made.at("store"), false);
  EXPECT_EQ(get("/v1/responses/" + std::string(made.at("id").as_string())).status, 404);
}

TEST_F(ResponsesDoor, BadInputIsA400InOpenAIsShapeAndRecordedOnce) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"{not json", ""},
      {R"({"model":"gpt","input":[{"type":"teleport"}]})", "input[0].type"},
      {R"({"model":"gpt","input":[{"type":"function_call_output","call_id":"c1","output":"x"}]})",
       "input[0].call_id"},
      {R"({"model":"gpt","input":"x","previous_response_id":"resp_unknown"})",
       "previous_response_id"},
      {R"(["model","gpt"])", ""},
      {R"({"model":"gpt","input":"x","tools":[{"type":"hologram"}]})", "tools[0].type"},
      {R"({"model":"gpt","input":[{"type":"message","role":"user","content":"x"},)"
       R"({"type":"function_call_output","call_id":"call_nothing","output":"x"}]})",
       "input[1].call_id"},
  };
  for (const auto& [body, param] : bad) {
    auto reply = post(body);
    EXPECT_EQ(reply.status, 400) << body;
    auto error = json::parse(reply.body).at("error").as_object();
    EXPECT_EQ(error.at("type"), "invalid_request_error");
    if (!param.empty()) {
      EXPECT_EQ(error.at("param"), json::value(param)) << reply.body;
    }
    const auto id = reply.header("x-request-id");
    EXPECT_TRUE(eventually([&] { return ledger_row(ledger(), id).second == 1; })) << body;
  }
  EXPECT_EQ(get("/v1/responses/resp_unknown").status, 404);
}

TEST_F(ResponsesDoor, AnotherKeysResponseIsNotFoundAndRecordedOnce) {
  const std::string id(response_of(post(ask("gpt", "mine"))).at("id").as_string());
  auto reply =
      post(ask("claude", "x", R"(,"previous_response_id":")" + id + "\""), "sk-bob-doors-1");
  EXPECT_EQ(reply.status, 400) << reply.body;
  const auto error = json::parse(reply.body).at("error").as_object();
  EXPECT_EQ(error.at("code"), "previous_response_not_found");
  EXPECT_EQ(error.at("param"), "previous_response_id");
  // The message names the id the client sent, never whose it is.
  EXPECT_NE(error.at("message").as_string().find(id), std::string::npos);
  const auto request_id = reply.header("x-request-id");
  EXPECT_TRUE(eventually([&] { return ledger_row(ledger(), request_id).second == 1; }));
  // Nothing went upstream for it: the fake's last request is still the first one's.
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("input"), "mine");
}

TEST_F(ResponsesDoor, ItemsOnlyOpenAIKnowsGoToOpenAIAndAreDroppedElsewhere) {
  const std::string body =
      R"({"model":"MODEL","input":[{"type":"item_reference","id":"msg_1"},)"
      R"({"role":"user","content":"hi there"}],"tools":[{"type":"web_search"}]})";
  auto with = [&](const std::string& model) {
    auto b = body;
    b.replace(b.find("MODEL"), 5, model);
    return b;
  };
  auto native = post(with("gpt"));
  ASSERT_EQ(native.status, 200) << native.body;
  EXPECT_TRUE(native.header("x-keygate-dropped-params").empty());
  auto sent = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(sent.at("input").at(0).at("type"), "item_reference");
  auto translated = post(with("claude"));
  ASSERT_EQ(translated.status, 200) << translated.body;
  EXPECT_EQ(translated.header("x-keygate-dropped-params"),
            "input[0]:item_reference, tools[0]:web_search");
  auto strict = post(with("claude-strict"));
  EXPECT_EQ(strict.status, 400) << strict.body;
  EXPECT_EQ(json::parse(strict.body).at("error").at("param"), "input[0]:item_reference");
}

TEST_F(ResponsesDoor, KeysAndLimitsApply) {
  auto none = http_call(env->port(), "POST", "/v1/responses", ask("gpt", "x"),
                        {{"content-type", "application/json"}});
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(json::parse(none.body).at("error").at("code"), "missing_api_key");
  ASSERT_EQ(post(ask("gpt", "x"), "sk-paced-doors-1").status, 200);
  auto refused = post(ask("gpt", "x"), "sk-paced-doors-1");
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.header("retry-after").empty());
}

TEST_F(ResponsesDoor, AStreamCutMidwayEndsWithResponseFailed) {
  auto reply = post(ask("gpt-truncate", "x", R"(,"stream":true)"));
  ASSERT_EQ(reply.status, 200);
  auto events = events_of(reply.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().name, "response.failed") << reply.body;
  EXPECT_EQ(events.back().data.at("response").at("error").at("code"), "upstream_stream_truncated");
}

TEST_F(ResponsesDoor, AFallbackCrossesFromAnthropicToOpenAI) {
  auto response = post(ask("claude-529", "x"));
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("x-keygate-deployment"), "gpt");
}

TEST_F(ResponsesDoor, TheLedgerMetricsAndAccessLogNameTheRoute) {
  auto reply = post(ask("gpt", "x"));
  ASSERT_EQ(reply.status, 200);
  const auto id = reply.header("x-request-id");
  EXPECT_TRUE(eventually([&] { return ledger_row(ledger(), id).first == "responses"; }));
  EXPECT_EQ(ledger_row(ledger(), id).second, 1);
  const auto log = env->gateway->log_once_it_has(id);
  EXPECT_NE(log.find(R"("request_id":")" + id + R"(","route":"responses")"), std::string::npos);
  const auto metrics =
      http_call(env->port(), "GET", "/metrics", "", bearer("master-key-doors-0001"));
  EXPECT_GT(metric_sum(metrics.body, "keygate_requests_total", {{"route", "responses"}}), 0);
}

}  // namespace
}  // namespace keygate::testing::responses_door_test
