// The Ollama provider through the real keygate binary to the fake provider's native Ollama API:
// answers, streams, tool calls, thinking, images and structured output.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "ollama_models.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::ollama_test {
namespace {

namespace json = boost::json;

class OllamaProvider : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        ollama_entry("ollama", "llama3.2@tokens=4") +
        ollama_entry("ollama-drip", "llama3.2@tokens=3,drip=1") +
        ollama_entry("ollama-think", "qwen3@tokens=2", "    reasoning: true\n"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static json::object last_native_request() {
    auto reply = http_call(env->fake.port(), "GET", "/fake/last-request");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
  }
};
gateway_fixture* OllamaProvider::env = nullptr;

json::object post_ok(const std::string& body) {
  return testing::post_ok(OllamaProvider::env->port(), body);
}

// The text, reasoning and finish reasons of a streamed reply.
struct streamed {
  std::string text, reasoning;
  std::vector<std::string> finishes;
};
streamed read_stream(const http_reply& reply) {
  streamed out;
  for (const auto& chunk : chunks_of(reply))
    for (const auto& choice : chunk.at("choices").as_array()) {
      const auto& delta = choice.at("delta").as_object();
      if (auto it = delta.find("content"); it != delta.end()) out.text += it->value().as_string();
      if (auto it = delta.find("reasoning_content"); it != delta.end())
        out.reasoning += it->value().as_string();
      if (!choice.at("finish_reason").is_null())
        out.finishes.emplace_back(choice.at("finish_reason").as_string());
    }
  return out;
}

TEST_F(OllamaProvider, WholeAnswer) {
  auto answer = post_ok(chat_body("ollama"));
  EXPECT_EQ(answer["object"].as_string(), "chat.completion");
  EXPECT_TRUE(answer["id"].as_string().starts_with("chatcmpl-")) << answer["id"];
  EXPECT_EQ(answer["model"].as_string(), "llama3.2@tokens=4");
  auto& choice = answer["choices"].as_array()[0].as_object();
  EXPECT_EQ(choice["message"].as_object()["content"].as_string(), "tok0 tok1 tok2 tok3");
  EXPECT_EQ(choice["finish_reason"].as_string(), "stop");
  auto& usage = answer["usage"].as_object();
  EXPECT_EQ(usage["prompt_tokens"].as_int64(), 3);
  EXPECT_EQ(usage["completion_tokens"].as_int64(), 4);
  EXPECT_EQ(usage["total_tokens"].as_int64(), 7);
}

TEST_F(OllamaProvider, UpstreamGetsTheNativeRequest) {
  auto reply =
      post_json(env->port(), "/v1/chat/completions",
                R"({"model":"ollama","messages":[{"role":"system","content":"Be brief."},)"
                R"({"role":"user","content":"hi there"}],"stop":"tok3","user":"u-1","seed":5,)"
                R"("temperature":0.2,"max_tokens":50,"reasoning_effort":"low"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-dropped-params"), "reasoning_effort, user");
  EXPECT_EQ(last_native_request(),
            json::parse(R"({"model":"llama3.2@tokens=4","messages":[)"
                        R"({"role":"system","content":"Be brief."},)"
                        R"({"role":"user","content":"hi there"}],)"
                        R"("options":{"num_predict":50,"temperature":0.2,"seed":5,)"
                        R"("stop":["tok3"]},"stream":false})"));
  // The fake stops before the stop sequence, as Ollama does, and says stop.
  auto answer = json::parse(reply.body);
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1 tok2");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
}

TEST_F(OllamaProvider, MaxTokensIsLength) {
  auto answer = post_ok(chat_body("ollama", false, R"(,"max_completion_tokens":2)"));
  EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "length");
  EXPECT_EQ(last_native_request().at("options").at("num_predict").as_int64(), 2);
}

TEST_F(OllamaProvider, StreamWithUsage) {
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         chat_body("ollama", true, R"(,"stream_options":{"include_usage":true})"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.header("content-type").starts_with("text/event-stream"));
  EXPECT_EQ(last_native_request().at("stream"), json::value(true));
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.back(), "[DONE]");
  auto got = read_stream(reply);
  EXPECT_EQ(got.text, "tok0 tok1 tok2 tok3");
  EXPECT_EQ(got.finishes, std::vector<std::string>{"stop"});
  auto last = json::parse(data[data.size() - 2]).as_object();
  EXPECT_TRUE(last.at("choices").as_array().empty());
  EXPECT_EQ(last.at("usage").at("prompt_tokens").as_int64(), 3);
  EXPECT_EQ(last.at("usage").at("completion_tokens").as_int64(), 4);
}

TEST_F(OllamaProvider, StreamSentOneByteAtATime) {
  auto reply = post_json(env->port(), "/v1/chat/completions", chat_body("ollama-drip", true));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(read_stream(reply).text, "tok0 tok1 tok2");
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
}

TEST_F(OllamaProvider, ToolCallRoundTrip) {
  auto first = post_ok(R"({"model":"ollama","messages":[{"role":"user","content":"Weather?"}],)"
                       R"("tools":[)" +
                       weather_tool + R"(],"tool_choice":"auto"})");
  const auto& message = first.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(first.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
  const auto& call = message.at("tool_calls").at(0).as_object();
  EXPECT_EQ(call.at("function").at("name").as_string(), "get_weather");
  EXPECT_EQ(call.at("function").at("arguments").as_string(), R"({"city":"Oslo"})");
  const std::string id(call.at("id").as_string());
  EXPECT_TRUE(id.starts_with("call_") && id.size() == 29) << id;
  EXPECT_EQ(last_native_request().at("tools"), json::parse("[" + weather_tool + "]"));

  json::object assistant{
      {"role", "assistant"}, {"content", nullptr}, {"tool_calls", message.at("tool_calls")}};
  json::array messages{json::object{{"role", "user"}, {"content", "Weather?"}}, assistant,
                       json::object{{"role", "tool"}, {"tool_call_id", id}, {"content", "12C"}}};
  json::object second_request{{"model", "ollama"},
                              {"messages", messages},
                              {"tools", json::array{json::parse(weather_tool)}}};
  auto second = post_ok(json::serialize(second_request));
  EXPECT_EQ(second.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(second.at("choices").at(0).at("message").at("content").as_string(),
            "tok0 tok1 tok2 tok3");

  const auto native = last_native_request();
  const auto& turns = native.at("messages").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[1], json::parse(R"({"role":"assistant","content":"","tool_calls":[{"id":")" + id +
                                  R"(","function":{"name":"get_weather","arguments":)"
                                  R"({"city":"Oslo"}}}]})"));
  EXPECT_EQ(turns[2], json::parse(R"({"role":"tool","content":"12C","tool_name":"get_weather",)"
                                  R"("tool_call_id":")" +
                                  id + R"("})"));
}

TEST_F(OllamaProvider, ParallelToolCallsStreamed) {
  const std::string time_tool = R"({"type":"function","function":{"name":"get_time"}})";
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         R"({"model":"ollama","stream":true,"messages":[{"role":"user",)"
                         R"("content":"Weather and time?"}],"tools":[)" +
                             weather_tool + "," + time_tool + "]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::vector<std::string> names, ids;
  std::map<std::int64_t, std::string> arguments;
  for (const auto& chunk : chunks_of(reply)) {
    const auto& delta = chunk.at("choices").at(0).at("delta").as_object();
    if (!delta.contains("tool_calls")) continue;
    const auto& call = delta.at("tool_calls").at(0).as_object();
    if (call.contains("id")) {
      EXPECT_EQ(call.at("index").as_int64(), static_cast<std::int64_t>(names.size()));
      names.emplace_back(call.at("function").at("name").as_string());
      ids.emplace_back(call.at("id").as_string());
    }
    arguments[call.at("index").as_int64()] += call.at("function").at("arguments").as_string();
  }
  EXPECT_EQ(names, (std::vector<std::string>{"get_weather", "get_time"}));
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(ids[0], ids[1]);
  EXPECT_EQ(arguments[1], R"({"city":"Oslo"})");
  EXPECT_EQ(read_stream(reply).finishes, std::vector<std::string>{"tool_calls"});
}

TEST_F(OllamaProvider, ThinkingOnAReasoningDeployment) {
  auto answer = post_ok(chat_body("ollama-think", false, R"(,"reasoning_effort":"low")"));
  EXPECT_EQ(last_native_request().at("think").as_string(), "low");
  const auto& message = answer.at("choices").at(0).at("message").as_object();
  EXPECT_EQ(message.at("reasoning_content").as_string(), "think0 think1 think2");
  EXPECT_EQ(message.at("content").as_string(), "tok0 tok1");
  EXPECT_EQ(answer.at("usage").at("completion_tokens").as_int64(), 5);  // thinking counts

  auto reply = post_json(env->port(), "/v1/chat/completions",
                         chat_body("ollama-think", true, R"(,"reasoning_effort":"high")"));
  auto got = read_stream(reply);
  EXPECT_EQ(got.reasoning, "think0 think1 think2");
  EXPECT_EQ(got.text, "tok0 tok1");
  EXPECT_EQ(last_native_request().at("think").as_string(), "high");
}

TEST_F(OllamaProvider, ImagesGoAsRawBase64) {
  const std::string png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
      "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  auto answer = post_ok(R"({"model":"ollama","messages":[{"role":"user","content":[)"
                        R"({"type":"text","text":"What is it?"},{"type":"image_url",)"
                        R"("image_url":{"url":"data:image/png;base64,)" +
                        png + R"("}}]}]})");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "stop");
  EXPECT_EQ(last_native_request().at("messages").at(0),
            json::parse(R"({"role":"user","content":"What is it?","images":[")" + png + R"("]})"));

  auto reply =
      post_json(env->port(), "/v1/chat/completions",
                R"({"model":"ollama","messages":[{"role":"user","content":[)"
                R"({"type":"image_url","image_url":{"url":"http://169.254.169.254/a.png"}}]}]})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_of(reply).at("param").as_string(), "messages[0].content[0]");
  EXPECT_EQ(error_of(reply).at("code").as_string(), "image_url_blocked");
}

TEST_F(OllamaProvider, StructuredOutputSendsTheSchema) {
  const std::string schema =
      R"({"type":"object","properties":{"name":{"type":"string"},"count":{"type":"integer"}}})";
  auto answer = post_ok(chat_body("ollama", false,
                                  R"(,"response_format":{"type":"json_schema","json_schema":)"
                                  R"({"name":"thing","strict":true,"schema":)" +
                                      schema + "}}"));
  EXPECT_EQ(last_native_request().at("format"), json::parse(schema));
  auto content = json::parse(answer.at("choices").at(0).at("message").at("content").as_string());
  EXPECT_EQ(content, json::parse(R"({"name":"tok0 tok1 tok2 tok3","count":4})"));
}

}  // namespace
}  // namespace keygate::testing::ollama_test
