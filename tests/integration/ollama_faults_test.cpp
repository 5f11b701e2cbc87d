// The Ollama provider's failures and embeddings through the real keygate binary and the fake
// provider's native Ollama API: {"error":"..."} bodies, error lines inside a stream, streams that
// end without done:true, keys, and /api/embed.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"
#include "harness.hpp"
#include "ollama_models.hpp"
#include "openai_shapes.hpp"
#include "standard_models.hpp"

namespace keygate::testing::ollama_faults_test {
namespace {

namespace json = boost::json;

class OllamaFaults : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        ollama_entry("ollama-404", "llama9@status=404") +
        ollama_entry("ollama-503", "llama3.2@status=503") +
        ollama_entry("ollama-500", "llama3.2@status=500") +
        ollama_entry("ollama-key", "llama3.2@tokens=2", "    api_key: test-key\n") +
        ollama_entry("ollama-bad-key", "llama3.2", "    api_key: bad-key\n") +
        ollama_entry("ollama-truncate", "llama3.2@truncate=1,tokens=6") +
        ollama_entry("ollama-stream-error", "llama3.2@stream_error=1,tokens=4") +
        ollama_entry("ollama-malformed", "llama3.2@malformed=1") +
        ollama_entry("ollama-embed", "all-minilm"));
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply chat(const std::string& model, bool stream = false) {
    return post_json(env->port(), "/v1/chat/completions", chat_body(model, stream));
  }
  static http_reply embed(const std::string& body) {
    return post_json(env->port(), "/v1/embeddings", body);
  }
};
gateway_fixture* OllamaFaults::env = nullptr;

TEST_F(OllamaFaults, UnknownModelIs404ModelNotFound) {
  auto reply = chat("ollama-404");
  EXPECT_EQ(reply.status, 404);
  auto error = error_of(reply);
  EXPECT_EQ(error.at("code").as_string(), "model_not_found");
  EXPECT_EQ(error.at("message").as_string(),
            R"(model "llama9@status=404" not found, try pulling it first)");
}

TEST_F(OllamaFaults, BusyServerIsOverloaded503) {
  auto reply = chat("ollama-503");
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(error_of(reply).at("type").as_string(), "server_error");
  EXPECT_EQ(error_of(reply).at("code").as_string(), "overloaded");
}

TEST_F(OllamaFaults, ServerErrorKeepsOllamasMessage) {
  auto reply = chat("ollama-500");
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(error_of(reply).at("message").as_string(),
            "an error was encountered while running the model");
}

TEST_F(OllamaFaults, AConfiguredKeyGoesAsBearer) {
  auto ok = chat("ollama-key");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto refused = chat("ollama-bad-key");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(error_of(refused).at("code").as_string(), "invalid_api_key");
}

TEST_F(OllamaFaults, StreamWithoutDoneEndsWithAnErrorAndNoDone) {
  auto reply = chat("ollama-truncate", true);
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_FALSE(data.empty());
  EXPECT_NE(data.back(), "[DONE]");
  EXPECT_EQ(json::parse(data.back()).at("error").at("code").as_string(),
            "upstream_stream_truncated");
}

TEST_F(OllamaFaults, ErrorLineMidStreamBecomesAnErrorEvent) {
  auto reply = chat("ollama-stream-error", true);
  ASSERT_EQ(reply.status, 200);
  auto data = sse_data(reply.body);
  ASSERT_GE(data.size(), 3u);
  EXPECT_EQ(std::count(data.begin(), data.end(), "[DONE]"), 0);
  auto error = json::parse(data.back()).at("error");
  EXPECT_EQ(error.at("type").as_string(), "server_error");
  EXPECT_EQ(error.at("message").as_string(), "an error was encountered while running the model");
  std::string text;
  for (const auto& chunk : chunks_of(reply))
    if (chunk.contains("choices"))
      if (const auto* content =
              chunk.at("choices").at(0).at("delta").as_object().if_contains("content"))
        text += content->as_string();
  EXPECT_EQ(text, "tok0 tok1");
}

TEST_F(OllamaFaults, StreamInAnotherProtocolIs502) {
  auto reply = chat("ollama-malformed", true);
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
}

TEST_F(OllamaFaults, WholeAnswerCutShortIs502) {
  auto reply = chat("ollama-malformed");
  EXPECT_EQ(reply.status, 502);
  EXPECT_EQ(error_of(reply).at("code").as_string(), "upstream_invalid_response");
}

TEST_F(OllamaFaults, EmbeddingsAsFloatsWithUsage) {
  auto reply = embed(R"({"model":"ollama-embed","input":["one two","three"],"dimensions":4})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto list = json::parse(reply.body).as_object();
  const auto& data = list.at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[1].at("index").as_int64(), 1);
  EXPECT_EQ(data[0].at("embedding").as_array().size(), 4u);
  EXPECT_EQ(list.at("usage").at("prompt_tokens").as_int64(), 3);
  auto native = json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body);
  EXPECT_EQ(native, json::parse(R"({"model":"all-minilm","input":["one two","three"],)"
                                R"("dimensions":4})"));
}

TEST_F(OllamaFaults, EmbeddingsAsBase64MatchTheFloats) {
  auto floats = json::parse(embed(R"({"model":"ollama-embed","input":"hi"})").body);
  auto encoded = json::parse(
      embed(R"({"model":"ollama-embed","input":"hi","encoding_format":"base64"})").body);
  auto decoded = openai::floats_of_base64(encoded.at("data").at(0).at("embedding").as_string());
  ASSERT_TRUE(decoded);
  const auto& expected = floats.at("data").at(0).at("embedding").as_array();
  ASSERT_EQ(decoded->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_FLOAT_EQ((*decoded)[i], static_cast<float>(expected[i].to_number<double>()));
}

TEST_F(OllamaFaults, TokenInputIsRejected) {
  auto reply = embed(R"({"model":"ollama-embed","input":[[1,2,3]]})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_of(reply).at("param").as_string(), "input");
}

}  // namespace
}  // namespace keygate::testing::ollama_faults_test
