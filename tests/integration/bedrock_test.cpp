// The Bedrock provider through the real keygate binary to the fake provider's Converse API, which
// checks every SigV4 signature the way AWS does.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/bedrock/sigv4.hpp"
#include "harness.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::bedrock_test {
namespace {

namespace json = boost::json;

// AWS's documented example keys, which the fake knows.
constexpr std::string_view example_key_id = "AKIDEXAMPLE";
constexpr std::string_view example_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view wrong_secret = "wrong-secret-0000000000000000000000000000";

std::string bedrock_entry(const std::string& name, const std::string& upstream_model,
                          std::string_view secret = example_secret,
                          std::string_view key_id = example_key_id) {
  return "  - name: " + name + "\n    provider: bedrock\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE_ROOT\n    region: us-east-1\n    aws_access_key_id: " +
         std::string(key_id) + "\n    aws_secret_access_key: \"" + std::string(secret) + "\"\n";
}

std::string bearer_entry(const std::string& name, const std::string& key) {
  return "  - name: " + name +
         "\n    provider: bedrock\n    model: \"anthropic.claude-fake\"\n    api_base: FAKE_ROOT\n"
         "    region: us-east-1\n    api_key: " +
         key + "\n";
}

class BedrockProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        bedrock_entry("bedrock", "anthropic.claude-3-haiku-20240307-v1:0@tokens=4") +
        bedrock_entry("bedrock-429", "anthropic.claude-fake@status=429,retry_after=2") +
        bedrock_entry("bedrock-wrong-secret", "anthropic.claude-fake", wrong_secret) +
        bedrock_entry("bedrock-unknown-key", "anthropic.claude-fake", example_secret,
                      "AKIDUNKNOWN") +
        bedrock_entry("bedrock-stream-error", "anthropic.claude-fake@stream_error=1") +
        bedrock_entry("bedrock-truncate", "anthropic.claude-fake@truncate=1,tokens=6") +
        bedrock_entry("bedrock-malformed", "anthropic.claude-fake@malformed=1") +
        bearer_entry("bedrock-bearer", "bedrock-fake-api-key") +
        bearer_entry("bedrock-bad-bearer", "bad-key"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static json::object last_native_request() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/last-request");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
};
gateway_fixture* BedrockProvider::env = nullptr;

json::object post_ok(const std::string& body) {
  return testing::post_ok(BedrockProvider::env->port(), body);
}

TEST_F(BedrockProvider, SignedWholeAnswer) {
  auto answer = post_ok(chat_body("bedrock"));
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  EXPECT_TRUE(answer["id"].as_string().starts_with("chatcmpl-")) << answer["id"];
  auto& choice = answer["choices"].as_array()[0].as_object();
  EXPECT_EQ(choice["message"].as_object()["content"].as_string(), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(choice["finish_reason"].as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
}

TEST_F(BedrockProvider, UpstreamGetsTheTranslatedRequest) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions",
                R"({"model":"bedrock","messages":[{"role":"system","content":"Be brief."},)"
                R"({"role":"user","content":"hi there"}],"stop":"tok3","seed":5,)"
                R"("temperature":0.2,"max_tokens":50})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "seed");
  auto native = last_native_request();
  EXPECT_EQ(native.at("system"), json::parse(R"([{"text":"Be brief."}])"));
  EXPECT_EQ(native.at("messages"),
            json::parse(R"([{"role":"user","content":[{"text":"hi there"}]}])"));
  EXPECT_EQ(native.at("inferenceConfig"),
            json::parse(R"({"maxTokens":50,"temperature":0.2,"stopSequences":["tok3"]})"));
  auto answer = json::parse(reply.body);
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1 tok2");
}

TEST_F(BedrockProvider, StreamWithUsage) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         chat_body("bedrock", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.header("content-type").starts_with("text/event-stream"));
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.back(), "[DONE]");
  std::string text;
  std::vector<std::string> finishes;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array()) {
      const auto& delta = choice.at("delta").as_object();
      if (auto it = delta.find("content"); it != delta.end()) text += it->value().as_string();
      if (!choice.at("finish_reason").is_null())
        finishes.emplace_back(choice.at("finish_reason").as_string());
    }
  EXPECT_EQ(text, "tok0 tok1 tok2 tok3");
  EXPECT_EQ(finishes, std::vector<std::string>{"stop"});
  auto last = json::parse(data[data.size() - 2]).as_object();
  EXPECT_TRUE(last.at("choices").as_array().empty());
  EXPECT_EQ(last.at("usage").at("prompt_tokens").as_int64(), 3);
  EXPECT_EQ(last.at("usage").at("completion_tokens").as_int64(), 4);
}

TEST_F(BedrockProvider, ToolCallRoundTrip) {
  auto first = post_ok(R"({"model":"bedrock","messages":[{"role":"user","content":"Weather?"}],)"
                       R"("tools":[)" +
                       weather_tool + "]}");
  const auto& message = first.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(first.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
  const auto& call = message.at("tool_calls").at(0).as_object();
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(call.at("function").at("arguments").as_string(), R"({"city":"Oslo"})");
  const std::string id(call.at("id").as_string());
  EXPECT_TRUE(id.starts_with("tooluse_")) << id;

  json::object assistant{
      {"role", "assistant"}, {"content", nullptr}, {"tool_calls", message.at("tool_calls")}};
  json::array messages{json::object{{"role", "user"}, {"content", "Weather?"}}, assistant,
                       json::object{{"role", "tool"}, {"tool_call_id", id}, {"content", "12C"}}};
  // No tools this time: the history's tool blocks still need a toolConfig, which keygate adds.
  json::object second_request{{"model", "bedrock"}, {"messages", messages}};
  auto second = post_ok(json::serialize(second_request));
  EXPECT_EQ(second.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(second.at("choices").at(0).at("message").at("content").as_string(),
            "tok0 tok1 tok2 tok3");

  auto native = last_native_request();
  const auto& turns = native.at("messages").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[2], json::parse(R"({"role":"user","content":[{"toolResult":{"toolUseId":")" + id +
                                  R"(","content":[{"text":"12C"}],"status":"success"}}]})"));
  EXPECT_EQ(native.at("toolConfig").at("tools").at(0).at("toolSpec").at("name"), "get_weather");
}

TEST_F(BedrockProvider, StreamedToolCall) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         R"({"model":"bedrock","stream":true,"messages":[{"role":"user",)"
                         R"("content":"Weather?"}],"tools":[)" +
                             weather_tool + "]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string arguments, name, finish;
  for (const auto& chunk : chunks_of(reply)) {
    const auto& choice = chunk.at("choices").at(0).as_object();
    if (!choice.at("finish_reason").is_null()) finish = choice.at("finish_reason").as_string();
    const auto& delta = choice.at("delta").as_object();
    if (!delta.contains("tool_calls")) continue;
    const auto& call = delta.at("tool_calls").at(0).as_object();
    EXPECT_EQ(call.at("index").as_int64(), 0) << "the text block must not shift the index";
    if (call.contains("id")) name = call.at("function").at("name").as_string();
    arguments += call.at("function").at("arguments").as_string();
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(json::parse(arguments), json::parse(R"({"city":"Oslo"})"));
  EXPECT_EQ(finish, "tool_calls");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(BedrockProvider, BearerApiKey) {
  auto answer = post_ok(chat_body("bedrock-bearer"));
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-bad-bearer"));
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.body.find("bad-key"), std::string::npos);
}

TEST_F(BedrockProvider, WrongSecretIsAnAuthenticationError) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-wrong-secret"));
  EXPECT_EQ(reply.status, 401);
  auto error = error_of(reply);
  EXPECT_EQ(error.at("type").as_string(), "authentication_error");
  EXPECT_EQ(error.at("code").as_string(), "invalid_api_key");
  EXPECT_NE(error.at("message").as_string().find("signature we calculated does not match"),
            std::string::npos);
  EXPECT_EQ(reply.body.find(wrong_secret), std::string::npos);
}

TEST_F(BedrockProvider, UnknownKeyIdIsAnAuthenticationError) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-unknown-key"));
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "invalid_api_key");
}

TEST_F(BedrockProvider, ThrottlingIs429WithTheRetryHint) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-429"));
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(error_of(reply).at("type").as_string(), "rate_limit_error");
  EXPECT_EQ(error_of(reply).at("code").as_string(), "rate_limit_exceeded");
  EXPECT_EQ(reply.header("retry-after"), "2");
}

TEST_F(BedrockProvider, ExceptionMidStreamEndsWithAnErrorAndNoDone) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-stream-error", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(), "rate_limit_exceeded");
}

TEST_F(BedrockProvider, TruncatedStreamEndsWithAnErrorAndNoDone) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-truncate", true));
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(),
            "upstream_stream_truncated");
}

TEST_F(BedrockProvider, BrokenFirstFrameIs502) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock-malformed", true));
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
}

// After the tests above: signed, refused (a 401 benches its deployment, so it is not asked again
// here) and bearer requests.
TEST_F(BedrockProvider, NoSecretInTheLog) {
  const auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("bedrock"));
  EXPECT_EQ(reply.status, 200);
  // Once this request's line is in, so is every line before it.
  const auto log = env->gateway->log_once_it_has(reply.header("x-request-id"));
  EXPECT_NE(log.find(reply.header("x-request-id")), std::string::npos);
  for (std::string_view secret : {example_secret, wrong_secret, std::string_view("bad-key"),
                                  std::string_view("bedrock-fake-api-key")})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log";
}

// The fake itself: a correct signature made six minutes ago is refused as AWS refuses it.
TEST_F(BedrockProvider, FakeRefusesAnExpiredSignature) {
  const auto then = std::chrono::system_clock::now() - std::chrono::minutes(6);
  const std::string date = aws::amz_date(then);
  const std::string host = "127.0.0.1";  // what http_call sends
  const std::string target = "/model/anthropic.claude-fake/converse";
  const std::string body = R"({"messages":[{"role":"user","content":[{"text":"Hi"}]}]})";
  const aws::request_parts parts{"POST", target, {}, {{"host", host}, {"x-amz-date", date}}, body};
  const aws::credentials keys{std::string(example_key_id), std::string(example_secret), ""};
  const auto signature = aws::sign(parts, keys, date, "us-east-1", "bedrock");
  auto reply = http_call(env->fake.port(), "POST", target, body,
                         {{"x-amz-date", date},
                          {"authorization", signature.authorization},
                          {"content-type", "application/json"}});
  EXPECT_EQ(reply.status, 403);
  EXPECT_TRUE(reply.header("x-amzn-errortype").starts_with("InvalidSignatureException"));
  EXPECT_NE(reply.body.find("Signature expired: " + date + " is now earlier than"),
            std::string::npos)
      << reply.body;
}

}  // namespace
}  // namespace keygate::testing::bedrock_test
