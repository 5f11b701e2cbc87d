// The Ollama translator's HTTP side and its embeddings; message and stream mappings are in the
// golden fixtures (golden_test.cpp).
#include "gateway/translators/ollama/chat_translator.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::ollama::chat_translator_test {
namespace {

namespace json = boost::json;

deployment ollama_at(const std::string& base, const std::string& key = "") {
  deployment d;
  d.provider = "ollama";
  d.model = "llama3.2";
  d.api_key = key;
  d.endpoint = upstream_endpoint::parse(base);
  return d;
}

// A chat request as the translator sees it.
struct chat_input {
  explicit chat_input(std::string text, deployment d) : raw(std::move(text)), target(std::move(d)) {
    parsed = json::parse(raw);
    EXPECT_FALSE(parse_chat_request(raw, view).has_value());
  }
  translate_input in() const { return {&parsed.as_object(), view, target}; }
  std::string raw;
  json::value parsed;
  canonical_request view;
  deployment target;
};

struct embed_input {
  explicit embed_input(std::string text, deployment d)
      : raw(std::move(text)), target(std::move(d)) {
    parsed = json::parse(raw);
    EXPECT_FALSE(parse_embeddings_request(raw, view).has_value());
  }
  embeddings_input in() const { return {&parsed.as_object(), view, target}; }
  std::string raw;
  json::value parsed;
  embeddings_request view;
  deployment target;
};

const chat_translator wire;

TEST(OllamaTranslator, NoKeyNoAuthorization) {
  chat_input req(R"({"model":"m","messages":[{"role":"user","content":"Hi"}],"stream":true})",
                 ollama_at("http://localhost:11434"));
  auto built = wire.build(req.in());
  ASSERT_TRUE(std::holds_alternative<native_request>(built));
  const auto& http = std::get<native_request>(built).http;
  EXPECT_EQ(http.target, "/api/chat");
  EXPECT_EQ(http.headers.count("authorization"), 0u);
  EXPECT_EQ(http.headers["accept"], "application/x-ndjson");
  EXPECT_EQ(json::parse(http.body).at("stream"), json::value(true));
}

TEST(OllamaTranslator, AConfiguredKeyGoesAsBearerUnderTheBasePath) {
  chat_input req(R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})",
                 ollama_at("https://ollama.example.com/proxy/", "secret"));
  auto built = wire.build(req.in());
  ASSERT_TRUE(std::holds_alternative<native_request>(built));
  const auto& http = std::get<native_request>(built).http;
  EXPECT_EQ(http.target, "/proxy/api/chat");
  EXPECT_EQ(http.headers["authorization"], "Bearer secret");
}

TEST(OllamaEmbeddings, BuildsOneEmbedRequest) {
  embed_input req(R"({"model":"e","input":["hello world","bye"],"dimensions":4,"user":"u"})",
                  ollama_at("http://localhost:11434", "k"));
  auto built = wire.build_embeddings(req.in());
  ASSERT_TRUE(std::holds_alternative<native_request>(built));
  const auto& native = std::get<native_request>(built);
  EXPECT_EQ(native.http.target, "/api/embed");
  EXPECT_EQ(native.http.headers["authorization"], "Bearer k");
  EXPECT_EQ(json::parse(native.http.body),
            json::parse(R"({"model":"llama3.2","input":["hello world","bye"],"dimensions":4})"));
  EXPECT_EQ(native.dropped, std::vector<std::string>{"user"});
}

TEST(OllamaEmbeddings, TokenInputIsRejected) {
  embed_input req(R"({"model":"e","input":[[1,2],[3]]})", ollama_at("http://localhost:11434"));
  auto built = wire.build_embeddings(req.in());
  ASSERT_TRUE(std::holds_alternative<openai_error>(built));
  const auto& error = std::get<openai_error>(built);
  EXPECT_EQ(error.status, 400);
  EXPECT_EQ(error.param, "input");
  EXPECT_EQ(error.code, "unsupported_parameter");
}

TEST(OllamaEmbeddings, AnswerBecomesTheOpenAIListWithItsUsage) {
  embed_input req(R"({"model":"e","input":["a b","c"]})", ollama_at("http://localhost:11434"));
  auto parsed = wire.parse_embeddings(
      req.in(), R"({"model":"all-minilm","embeddings":[[0.5,-0.25],[1,0]],)"
                R"("total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8})");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  const auto& answer = std::get<openai_answer>(parsed);
  EXPECT_TRUE(answer.usage.known);
  EXPECT_EQ(answer.usage.prompt, 8);
  EXPECT_EQ(json::parse(answer.body),
            json::parse(R"({"object":"list","data":[{"object":"embedding","index":0,)"
                        R"("embedding":[0.5,-0.25]},{"object":"embedding","index":1,)"
                        R"("embedding":[1,0]}],"model":"all-minilm",)"
                        R"("usage":{"prompt_tokens":8,"total_tokens":8}})"));
}

TEST(OllamaEmbeddings, Base64IsEncodedByKeygateAndMissingCountIsZero) {
  embed_input req(R"({"model":"e","input":"a","encoding_format":"base64"})",
                  ollama_at("http://localhost:11434"));
  auto parsed = wire.parse_embeddings(req.in(), R"({"embeddings":[[0.5,-2]]})");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  const auto& answer = std::get<openai_answer>(parsed);
  EXPECT_EQ(answer.usage.prompt, 0);
  auto list = json::parse(answer.body);
  EXPECT_EQ(list.at("model").as_string(), "llama3.2");
  auto floats = openai::floats_of_base64(list.at("data").at(0).at("embedding").as_string());
  ASSERT_TRUE(floats);
  EXPECT_EQ(*floats, (std::vector<float>{0.5f, -2.0f}));
}

TEST(OllamaEmbeddings, WrongAnswersAre502) {
  embed_input req(R"({"model":"e","input":["a","b"]})", ollama_at("http://localhost:11434"));
  for (std::string_view body : {R"({"embeddings":[[1]]})", R"({"embeddings":[[1],["x"]]})",
                                R"({"error":"boom"})", "not json"}) {
    auto parsed = wire.parse_embeddings(req.in(), std::string(body));
    ASSERT_TRUE(std::holds_alternative<openai_error>(parsed)) << body;
    EXPECT_EQ(std::get<openai_error>(parsed).status, 502) << body;
    EXPECT_EQ(std::get<openai_error>(parsed).code, "upstream_invalid_response") << body;
  }
}

}  // namespace
}  // namespace keygate::ollama::chat_translator_test
