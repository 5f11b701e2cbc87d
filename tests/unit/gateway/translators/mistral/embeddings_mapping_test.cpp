#include "gateway/translators/mistral/embeddings_mapping.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::mistral::embeddings_mapping_test {
namespace {

namespace json = boost::json;

embeddings_request view_of(std::string& body) {
  embeddings_request view;
  EXPECT_FALSE(parse_embeddings_request(body, view).has_value());
  return view;
}

TEST(MistralEmbeddings, RenamesDimensionsAndNeverAsksForBase64) {
  auto request = json::parse(
      R"({"model":"e","input":["hello world","bye"],"dimensions":256,"encoding_format":"base64",)"
      R"("user":"u-1","output_dtype":"float"})");
  auto built = build_embeddings_body(request.as_object(), "codestral-embed");
  ASSERT_TRUE(std::holds_alternative<embeddings_body>(built));
  const auto& native = std::get<embeddings_body>(built);
  EXPECT_EQ(json::parse(native.body),
            json::parse(R"({"model":"codestral-embed","input":["hello world","bye"],)"
                        R"("output_dimension":256,"output_dtype":"float"})"))
      << native.body;
  EXPECT_EQ(native.dropped, std::vector<std::string>{"user"});
}

TEST(MistralEmbeddings, RejectsTokenInput) {
  for (const char* body :
       {R"({"model":"e","input":[1,2,3]})", R"({"model":"e","input":[[1,2]]})"}) {
    auto built = build_embeddings_body(json::parse(body).as_object(), "mistral-embed");
    ASSERT_TRUE(std::holds_alternative<openai_error>(built)) << body;
    EXPECT_EQ(std::get<openai_error>(built).status, 400);
    EXPECT_EQ(std::get<openai_error>(built).param, "input");
    EXPECT_EQ(std::get<openai_error>(built).code, "unsupported_parameter");
  }
}

TEST(MistralEmbeddings, AnswerBecomesTheOpenAIListWithMistralsUsage) {
  std::string body = R"({"model":"e","input":["a b","c"]})";
  auto view = view_of(body);
  auto parsed =
      embeddings_answer(R"({"id":"embd-1","object":"list","model":"mistral-embed",)"
                        R"("data":[{"object":"embedding","embedding":[0.5,-0.25],"index":0},)"
                        R"({"object":"embedding","embedding":[1,0],"index":1}],)"
                        R"("usage":{"prompt_tokens":7,"total_tokens":7,"completion_tokens":0}})",
                        view, "mistral-embed-deployment");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  const auto& answer = std::get<openai_answer>(parsed);
  EXPECT_TRUE(answer.usage.known);
  EXPECT_EQ(answer.usage.prompt, 7);
  EXPECT_EQ(json::parse(answer.body),
            json::parse(R"({"object":"list","data":[{"object":"embedding","index":0,)"
                        R"("embedding":[0.5,-0.25]},{"object":"embedding","index":1,)"
                        R"("embedding":[1,0]}],"model":"mistral-embed",)"
                        R"("usage":{"prompt_tokens":7,"total_tokens":7}})"))
      << answer.body;
}

TEST(MistralEmbeddings, Base64IsWrittenByTheGatewayInIndexOrder) {
  std::string body = R"({"model":"e","input":["x","y"],"encoding_format":"base64"})";
  auto view = view_of(body);
  auto parsed = embeddings_answer(
      R"({"data":[{"embedding":[0.0],"index":1},{"embedding":[1.0,-2.5],"index":0}],)"
      R"("usage":{"prompt_tokens":2}})",
      view, "mistral-embed");
  const auto list = json::parse(std::get<openai_answer>(parsed).body);
  EXPECT_EQ(list.at("data").at(0).at("embedding").as_string(), "AACAPwAAIMA=");
  EXPECT_EQ(openai::floats_of_base64(list.at("data").at(1).at("embedding").as_string()),
            std::vector<float>{0.0f});
}

TEST(MistralEmbeddings, BadAnswersAre502) {
  std::string body = R"({"model":"e","input":["a","b"]})";
  auto view = view_of(body);
  for (const char* native :
       {"not json", R"({"object":"list"})", R"({"data":[{"embedding":[1]}]})",
        R"({"data":[{"embedding":[1],"index":0},{"embedding":"AAAA","index":1}]})",
        R"({"data":[{"embedding":[1],"index":0},{"embedding":[2],"index":5}]})"}) {
    auto parsed = embeddings_answer(native, view, "m");
    ASSERT_TRUE(std::holds_alternative<openai_error>(parsed)) << native;
    EXPECT_EQ(std::get<openai_error>(parsed).status, 502) << native;
    EXPECT_EQ(std::get<openai_error>(parsed).code, "upstream_invalid_response");
  }
}

}  // namespace
}  // namespace keygate::mistral::embeddings_mapping_test
