#include "gateway/canonical/embeddings_request.hpp"

#include <gtest/gtest.h>

#include <string>

namespace keygate::embeddings_request_test {
namespace {

openai_error rejection(std::string body) {
  embeddings_request request;
  auto error = parse_embeddings_request(body, request);
  if (!error) {
    ADD_FAILURE() << "accepted: " << body;
    return {};
  }
  return *error;
}

embeddings_request accepted(std::string& body) {
  embeddings_request request;
  auto error = parse_embeddings_request(body, request);
  EXPECT_FALSE(error.has_value()) << (error ? error->message : "") << " for " << body;
  return request;
}

TEST(ParseEmbeddingsRequest, ReadsModelSpanEncodingAndDimensions) {
  std::string body =
      R"({"input":"the quick fox", "model" : "text-embedding-3-small","encoding_format":"base64",)"
      R"("dimensions":256,"user":"u1"})";
  auto request = accepted(body);
  EXPECT_EQ(request.common.model, "text-embedding-3-small");
  EXPECT_EQ(body.substr(request.common.model_value.offset, request.common.model_value.length),
            R"("text-embedding-3-small")");
  EXPECT_FALSE(request.common.stream);
  EXPECT_EQ(request.encoding, embedding_encoding::base64);
  EXPECT_EQ(request.dimensions, 256);
  EXPECT_EQ(request.input_count, 1u);
  EXPECT_FALSE(request.token_input);
  EXPECT_EQ(request.word_count, 3);
}

TEST(ParseEmbeddingsRequest, CountsEachInputShape) {
  std::string strings = R"({"model":"m","input":["a b","c"]})";
  auto request = accepted(strings);
  EXPECT_EQ(request.input_count, 2u);
  EXPECT_EQ(request.word_count, 3);
  EXPECT_EQ(request.encoding, embedding_encoding::floats);

  std::string tokens = R"({"model":"m","input":[1,2,3]})";
  request = accepted(tokens);
  EXPECT_EQ(request.input_count, 1u);
  EXPECT_TRUE(request.token_input);
  EXPECT_EQ(request.word_count, 3);

  std::string lists = R"({"model":"m","input":[[1,2],[3]]})";
  request = accepted(lists);
  EXPECT_EQ(request.input_count, 2u);
  EXPECT_TRUE(request.token_input);
  EXPECT_EQ(request.word_count, 3);
}

TEST(ParseEmbeddingsRequest, RejectsMissingOrWrongFields) {
  EXPECT_EQ(rejection(R"({"input":"x"})").param, "model");
  EXPECT_EQ(rejection(R"({"model":3,"input":"x"})").param, "model");
  auto missing = rejection(R"({"model":"m"})");
  EXPECT_EQ(missing.param, "input");
  EXPECT_EQ(missing.code, "missing_required_parameter");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(rejection(R"({"model":"m","input":""})").code, "empty_input");
  EXPECT_EQ(rejection(R"({"model":"m","input":[]})").code, "empty_input");
  EXPECT_EQ(rejection(R"({"model":"m","input":["a",""]})").code, "empty_input");
  EXPECT_EQ(rejection(R"({"model":"m","input":[[]]})").code, "empty_input");
  EXPECT_EQ(rejection(R"({"model":"m","input":["a",1]})").param, "input");
  EXPECT_EQ(rejection(R"({"model":"m","input":[1.5]})").param, "input");
  EXPECT_EQ(rejection(R"({"model":"m","input":[-1]})").param, "input");
  EXPECT_EQ(rejection(R"({"model":"m","input":{"a":1}})").param, "input");
  EXPECT_EQ(rejection(R"({"model":"m","input":[{"a":1}]})").param, "input");
  EXPECT_EQ(rejection(R"({"model":"m","input":"x","encoding_format":"int8"})").param,
            "encoding_format");
  EXPECT_EQ(rejection(R"({"model":"m","input":"x","dimensions":0})").param, "dimensions");
  EXPECT_EQ(rejection(R"({"model":"m","input":"x","dimensions":"8"})").param, "dimensions");
  EXPECT_EQ(rejection(R"({"model":"m","input":"x")").code, "invalid_json");
  EXPECT_EQ(rejection(R"(["m"])").status, 400);
}

TEST(ParseEmbeddingsRequest, AllowsAtMost2048Inputs) {
  std::string items;
  for (int i = 0; i < 2048; ++i) items += std::string(i ? "," : "") + "\"w\"";
  std::string body = R"({"model":"m","input":[)" + items + "]}";
  EXPECT_EQ(accepted(body).input_count, 2048u);
  EXPECT_EQ(rejection(R"({"model":"m","input":[)" + items + R"(,"w"]})").code, "too_many_inputs");
}

TEST(CountWords, SplitsOnWhitespace) {
  EXPECT_EQ(count_words(""), 0);
  EXPECT_EQ(count_words("  one\ttwo\nthree  "), 3);
}

}  // namespace
}  // namespace keygate::embeddings_request_test
