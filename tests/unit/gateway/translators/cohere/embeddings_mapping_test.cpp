#include "gateway/translators/cohere/embeddings_mapping.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::cohere::embeddings_mapping_test {
namespace {

namespace json = boost::json;

embeddings_request view_of(std::string& body) {
  embeddings_request view;
  EXPECT_FALSE(parse_embeddings_request(body, view).has_value());
  return view;
}

TEST(CohereEmbeddings, TextsWithAnInputTypeAndFloatsOnly) {
  auto request = json::parse(
      R"({"model":"e","input":["hello world","bye"],"dimensions":256,"encoding_format":"base64",)"
      R"("user":"u-1","truncate":"END"})");
  auto built = build_embeddings_body(request.as_object(), "embed-v4.0");
  ASSERT_TRUE(std::holds_alternative<embeddings_body>(built));
  const auto& native = std::get<embeddings_body>(built);
  EXPECT_EQ(json::parse(native.body),
            json::parse(R"({"model":"embed-v4.0","texts":["hello world","bye"],)"
                        R"("input_type":"search_document","embedding_types":["float"],)"
                        R"("output_dimension":256,"truncate":"END"})"))
      << native.body;
  EXPECT_EQ(native.dropped, std::vector<std::string>{"user"});
}

TEST(CohereEmbeddings, OneStringIsOneTextAndTheClientMayPickTheInputType) {
  auto request = json::parse(R"({"model":"e","input":"a query","input_type":"search_query"})");
  auto built = build_embeddings_body(request.as_object(), "embed-english-v3.0");
  ASSERT_TRUE(std::holds_alternative<embeddings_body>(built));
  const auto native = json::parse(std::get<embeddings_body>(built).body);
  EXPECT_EQ(native.at("texts"), json::parse(R"(["a query"])"));
  EXPECT_EQ(native.at("input_type"), "search_query");
}

TEST(CohereEmbeddings, RejectsTokenInput) {
  for (const char* body :
       {R"({"model":"e","input":[1,2,3]})", R"({"model":"e","input":[[1,2]]})"}) {
    auto built = build_embeddings_body(json::parse(body).as_object(), "embed-v4.0");
    ASSERT_TRUE(std::holds_alternative<openai_error>(built)) << body;
    EXPECT_EQ(std::get<openai_error>(built).status, 400);
    EXPECT_EQ(std::get<openai_error>(built).param, "input");
    EXPECT_EQ(std::get<openai_error>(built).code, "unsupported_parameter");
  }
}

TEST(CohereEmbeddings, AnswerBecomesTheOpenAIListWithBilledInputTokens) {
  std::string body = R"({"model":"e","input":["a b","c"]})";
  auto view = view_of(body);
  auto parsed = embeddings_answer(
      R"({"id":"da6e531f","response_type":"embeddings_by_type",)"
      R"("embeddings":{"float":[[0.5,-0.25],[1,0]]},"texts":["a b","c"],)"
      R"("meta":{"api_version":{"version":"2"},"billed_units":{"input_tokens":7}}})",
      view, "embed-v4.0");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  const auto& answer = std::get<openai_answer>(parsed);
  EXPECT_TRUE(answer.usage.known);
  EXPECT_EQ(answer.usage.prompt, 7);
  EXPECT_EQ(json::parse(answer.body),
            json::parse(R"({"object":"list","data":[{"object":"embedding","index":0,)"
                        R"("embedding":[0.5,-0.25]},{"object":"embedding","index":1,)"
                        R"("embedding":[1,0]}],"model":"embed-v4.0",)"
                        R"("usage":{"prompt_tokens":7,"total_tokens":7}})"))
      << answer.body;
}

TEST(CohereEmbeddings, Base64IsWrittenByTheGateway) {
  std::string body = R"({"model":"e","input":["x"],"encoding_format":"base64"})";
  auto view = view_of(body);
  auto parsed =
      embeddings_answer(R"({"id":"1","embeddings":{"float":[[1.0,-2.5]]}})", view, "embed-v4.0");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  const auto& answer = std::get<openai_answer>(parsed);
  EXPECT_FALSE(answer.usage.known);
  EXPECT_EQ(answer.usage.prompt, 1);  // the word estimate
  const auto list = json::parse(answer.body);
  EXPECT_EQ(list.at("data").at(0).at("embedding").as_string(), "AACAPwAAIMA=");
}

TEST(CohereEmbeddings, BadAnswersAre502) {
  std::string body = R"({"model":"e","input":["a","b"]})";
  auto view = view_of(body);
  for (const char* answer :
       {"not json", R"({"embeddings":{"int8":[[1],[2]]}})", R"({"embeddings":{"float":[[0.1]]}})",
        R"({"embeddings":{"float":[[0.1],"x"]}})", R"({"embeddings":{"float":[[0.1],["x"]]}})"}) {
    auto parsed = embeddings_answer(answer, view, "embed-v4.0");
    ASSERT_TRUE(std::holds_alternative<openai_error>(parsed)) << answer;
    EXPECT_EQ(std::get<openai_error>(parsed).status, 502) << answer;
    EXPECT_EQ(std::get<openai_error>(parsed).code, "upstream_invalid_response") << answer;
  }
}

}  // namespace
}  // namespace keygate::cohere::embeddings_mapping_test
