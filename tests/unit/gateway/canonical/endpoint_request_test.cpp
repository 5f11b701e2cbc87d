#include "gateway/canonical/endpoint_request.hpp"

#include <gtest/gtest.h>

namespace keygate::endpoint_request_test {
namespace {

TEST(CompletionsRequest, ReadsTheModelSpanStreamAndUsageOption) {
  std::string body = R"({"model":"gpt-3.5-turbo-instruct","prompt":["a","b"],"stream":true,)"
                     R"("stream_options":{"include_usage":true},"max_tokens":5,"suffix":"x"})";
  endpoint_request out;
  ASSERT_EQ(parse_completions_request(body, out), std::nullopt);
  EXPECT_EQ(out.common.model, "gpt-3.5-turbo-instruct");
  EXPECT_EQ(body.substr(out.common.model_value.offset, out.common.model_value.length),
            "\"gpt-3.5-turbo-instruct\"");
  EXPECT_TRUE(out.common.stream);
  EXPECT_TRUE(out.common.include_usage);
  ASSERT_TRUE(out.common.stream_options);
  EXPECT_EQ(out.common.max_tokens, 5);
}

TEST(CompletionsRequest, RefusesMissingPromptAndBadJson) {
  endpoint_request out;
  std::string no_prompt = R"({"model":"m"})";
  auto error = parse_completions_request(no_prompt, out);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->param, "prompt");
  std::string twice = R"({"model":"m","model":"n","prompt":"x"})";
  EXPECT_TRUE(parse_completions_request(twice, out));
  std::string broken = R"({"model":"m","prompt":)";
  EXPECT_TRUE(parse_completions_request(broken, out));
  std::string array = R"(["model"])";
  EXPECT_TRUE(parse_completions_request(array, out));
}

TEST(RerankRequest, CountsDocumentsAndRefusesAnEmptyQuery) {
  endpoint_request out;
  std::string body =
      R"({"model":"rerank-v3.5","query":"q","documents":["a",{"text":"b"}],"top_n":1})";
  ASSERT_EQ(parse_rerank_request(body, out), std::nullopt);
  EXPECT_EQ(out.items, 2);
  std::string no_query = R"({"model":"r","documents":["a"]})";
  auto missing = parse_rerank_request(no_query, out);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->param, "query");
  std::string empty_query = R"({"model":"r","query":"","documents":["a"]})";
  EXPECT_TRUE(parse_rerank_request(empty_query, out));
  std::string no_documents = R"({"model":"r","query":"q","documents":[]})";
  EXPECT_TRUE(parse_rerank_request(no_documents, out));
  std::string bad_top = R"({"model":"r","query":"q","documents":["a"],"top_n":0})";
  EXPECT_TRUE(parse_rerank_request(bad_top, out));
  std::string stream = R"({"model":"r","query":"q","documents":["a"],"stream":true})";
  EXPECT_TRUE(parse_rerank_request(stream, out));
}

TEST(ImageRequest, ReadsCountAndFormatAndRefusesStreams) {
  endpoint_request out;
  std::string body = R"({"model":"dall-e-3","prompt":"a cat","n":3,"response_format":"b64_json"})";
  ASSERT_EQ(parse_image_request(body, out), std::nullopt);
  EXPECT_EQ(out.items, 3);
  EXPECT_EQ(out.response_format, "b64_json");
  std::string one = R"({"model":"dall-e-3","prompt":"a cat"})";
  ASSERT_EQ(parse_image_request(one, out), std::nullopt);
  EXPECT_EQ(out.items, 1);
  std::string too_many = R"({"model":"m","prompt":"p","n":11})";
  EXPECT_TRUE(parse_image_request(too_many, out));
  std::string bad_format = R"({"model":"m","prompt":"p","response_format":"png"})";
  EXPECT_TRUE(parse_image_request(bad_format, out));
  std::string stream = R"({"model":"m","prompt":"p","stream":true})";
  EXPECT_TRUE(parse_image_request(stream, out));
}

TEST(SpeechRequest, CountsCharactersNotBytes) {
  endpoint_request out;
  std::string body = R"({"model":"tts-1","input":"héllo 👋","voice":"alloy"})";
  ASSERT_EQ(parse_speech_request(body, out), std::nullopt);
  EXPECT_EQ(out.characters, 7);
  EXPECT_TRUE(out.common.stream);  // the audio goes back as it comes
  std::string no_voice = R"({"model":"tts-1","input":"x"})";
  EXPECT_TRUE(parse_speech_request(no_voice, out));
  std::string sse = R"({"model":"tts-1","input":"x","voice":"a","stream_format":"sse"})";
  EXPECT_TRUE(parse_speech_request(sse, out));
}

}  // namespace
}  // namespace keygate::endpoint_request_test
