#include "gateway/translators/gemini/embeddings_mapping.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::gemini::embeddings_mapping_test {
namespace {

namespace json = boost::json;

embeddings_request view_of(std::string& body) {
  embeddings_request view;
  EXPECT_FALSE(parse_embeddings_request(body, view).has_value());
  return view;
}

TEST(GeminiEmbeddings, BuildsOneRequestPerInput) {
  auto request = json::parse(R"({"model":"e","input":["hello world","bye"],"dimensions":4})");
  auto built = embeddings_body(request.as_object(), "models/text-embedding-004");
  ASSERT_TRUE(std::holds_alternative<std::string>(built));
  auto native = json::parse(std::get<std::string>(built));
  auto expected = json::parse(
      R"({"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"hello world"}]},)"
      R"("outputDimensionality":4},{"model":"models/text-embedding-004","content":{"parts":[{"text":"bye"}]},)"
      R"("outputDimensionality":4}]})");
  EXPECT_EQ(native, expected) << native;
}

TEST(GeminiEmbeddings, SingleStringWithoutDimensions) {
  auto request = json::parse(R"({"model":"e","input":"hi"})");
  auto built = embeddings_body(request.as_object(), "text-embedding-004");
  auto native = json::parse(std::get<std::string>(built));
  const auto& one = native.at("requests").at(0).as_object();
  EXPECT_EQ(one.at("model").as_string(), "models/text-embedding-004");
  EXPECT_FALSE(one.contains("outputDimensionality"));
}

TEST(GeminiEmbeddings, RejectsTokenInput) {
  auto request = json::parse(R"({"model":"e","input":[[1,2]]})");
  auto built = embeddings_body(request.as_object(), "text-embedding-004");
  ASSERT_TRUE(std::holds_alternative<openai_error>(built));
  EXPECT_EQ(std::get<openai_error>(built).status, 400);
  EXPECT_EQ(std::get<openai_error>(built).param, "input");
}

TEST(GeminiEmbeddings, FieldsWithoutAPlaceAreDropped) {
  auto request = json::parse(
      R"({"model":"e","input":"hi","user":"u-1","encoding_format":"float","dimensions":4,)"
      R"("task":null,"extra":1})");
  EXPECT_EQ(dropped_embeddings_fields(request.as_object()),
            (std::vector<std::string>{"user", "extra"}));
}

TEST(GeminiEmbeddings, AnswerBecomesTheOpenAIList) {
  std::string body = R"({"model":"e","input":["a b","c"]})";
  auto view = view_of(body);
  auto parsed = embeddings_answer(R"({"embeddings":[{"values":[0.5,-0.25]},{"values":[1,0]}]})",
                                  view, "text-embedding-004");
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed));
  auto& answer = std::get<openai_answer>(parsed);
  EXPECT_EQ(answer.usage.prompt, 3);
  EXPECT_FALSE(answer.usage.known);
  auto list = json::parse(answer.body);
  auto expected = json::parse(
      R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25]},)"
      R"({"object":"embedding","index":1,"embedding":[1,0]}],"model":"text-embedding-004",)"
      R"("usage":{"prompt_tokens":3,"total_tokens":3}})");
  EXPECT_EQ(list, expected) << answer.body;
}

TEST(GeminiEmbeddings, Base64IsLittleEndianFloat32) {
  std::string body = R"({"model":"e","input":"x","encoding_format":"base64"})";
  auto view = view_of(body);
  auto parsed = embeddings_answer(R"({"embeddings":[{"values":[1.0,-2.5]}]})", view, "m");
  auto list = json::parse(std::get<openai_answer>(parsed).body);
  const auto text = list.at("data").at(0).at("embedding").as_string();
  EXPECT_EQ(text, "AACAPwAAIMA=");  // 1.0f = 00 00 80 3f, -2.5f = 00 00 20 c0
  auto floats = openai::floats_of_base64(text);
  ASSERT_TRUE(floats);
  EXPECT_EQ(*floats, (std::vector<float>{1.0f, -2.5f}));
}

TEST(GeminiEmbeddings, BadAnswersAre502) {
  std::string body = R"({"model":"e","input":["a","b"]})";
  auto view = view_of(body);
  for (std::string_view bad :
       {R"({"embeddings":[{"values":[1]}]})", R"({"embeddings":[{"values":[1]},{"x":1}]})",
        R"({"nope":1})", R"({"embeddings":[)",
        R"({"embeddings":[{"values":["a"]},{"values":[]}]})"}) {
    auto parsed = embeddings_answer(bad, view, "m");
    ASSERT_TRUE(std::holds_alternative<openai_error>(parsed)) << bad;
    EXPECT_EQ(std::get<openai_error>(parsed).status, 502) << bad;
  }
}

}  // namespace
}  // namespace keygate::gemini::embeddings_mapping_test
