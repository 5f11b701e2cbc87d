#include "gateway/canonical/canonical_request.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace keygate::canonical_request_test {
namespace {

std::string text_at(const std::string& body, byte_span span) {
  return body.substr(span.offset, span.length);
}

// Parses a body that must be rejected and returns the error.
openai_error rejection(std::string body) {
  canonical_request request;
  auto error = parse_chat_request(body, request);
  if (!error) {
    ADD_FAILURE() << "accepted: " << body;
    return {};
  }
  return *error;
}

TEST(ParseChatRequest, ExtractsTheFieldsTheGatewayNeeds) {
  std::string body =
      R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true,)"
      R"("stream_options":{"include_usage":true},"max_tokens":50,"max_completion_tokens":20})";
  canonical_request request;
  ASSERT_FALSE(parse_chat_request(body, request).has_value());
  EXPECT_EQ(request.body, body);
  EXPECT_EQ(request.model, "gpt-4o");
  EXPECT_TRUE(request.stream);
  EXPECT_TRUE(request.include_usage);
  EXPECT_EQ(request.max_tokens, 20);
  EXPECT_EQ(request.object_start, 0u);
  EXPECT_EQ(text_at(body, request.model_value), R"("gpt-4o")");
  ASSERT_TRUE(request.stream_options.has_value());
  EXPECT_EQ(text_at(body, *request.stream_options), R"({"include_usage":true})");
}

TEST(ParseChatRequest, DefaultsWhenOptionalFieldsAreAbsent) {
  std::string body = R"({"messages":[{"role":"user","content":"x"}],"model":"m","max_tokens":7})";
  canonical_request request;
  ASSERT_FALSE(parse_chat_request(body, request).has_value());
  EXPECT_FALSE(request.stream);
  EXPECT_FALSE(request.include_usage);
  EXPECT_EQ(request.max_tokens, 7);
  EXPECT_FALSE(request.stream_options.has_value());
  EXPECT_EQ(text_at(body, request.model_value), R"("m")");
}

TEST(ParseChatRequest, EscapedModelSpanCoversTheRawToken) {
  std::string body = R"({"model":"a\"b\u00e9","messages":[{"role":"user"}]})";
  canonical_request request;
  ASSERT_FALSE(parse_chat_request(body, request).has_value());
  EXPECT_EQ(request.model, "a\"b\xc3\xa9");
  EXPECT_EQ(text_at(body, request.model_value), R"("a\"b\u00e9")");
}

TEST(ParseChatRequest, PrettyPrintedBody) {
  std::string body =
      "\n  {\n  \"model\" : \"gpt\" ,\n  \"messages\": [ { \"role\": \"user\" } ],\n"
      "  \"stream\" :\ttrue,\n  \"stream_options\" : { \"include_usage\" : false }  \n}\n\n";
  canonical_request request;
  ASSERT_FALSE(parse_chat_request(body, request).has_value());
  EXPECT_EQ(request.model, "gpt");
  EXPECT_TRUE(request.stream);
  EXPECT_FALSE(request.include_usage);
  EXPECT_EQ(request.object_start, 3u);
  EXPECT_EQ(text_at(body, request.model_value), "\"gpt\"");
  ASSERT_TRUE(request.stream_options.has_value());
  EXPECT_EQ(text_at(body, *request.stream_options), "{ \"include_usage\" : false }");
}

TEST(ParseChatRequest, NullStreamAndStreamOptionsAreIgnored) {
  std::string body = R"({"model":"m","messages":[{"role":"user"}],"stream":null,)"
                     R"("stream_options":null,"max_tokens":null})";
  canonical_request request;
  ASSERT_FALSE(parse_chat_request(body, request).has_value());
  EXPECT_FALSE(request.stream);
  EXPECT_FALSE(request.stream_options.has_value());
  EXPECT_FALSE(request.max_tokens.has_value());
}

TEST(ParseChatRequest, NotJson) {
  for (const char* body : {"", "   ", R"({"model":)", R"({"model":"m",})", "{model:1}"}) {
    auto e = rejection(body);
    EXPECT_EQ(e.status, 400) << body;
    EXPECT_EQ(e.type, "invalid_request_error") << body;
    EXPECT_EQ(e.code, "invalid_json") << body;
    EXPECT_EQ(e.param, std::nullopt) << body;
  }
  auto e = rejection("model=gpt&stream=true");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, std::nullopt);
}

TEST(ParseChatRequest, NotAnObject) {
  for (const char* body : {"null", "42", R"("text")"})
    EXPECT_EQ(rejection(body).message, "The request body must be a JSON object.") << body;
  auto e = rejection(R"([{"model":"m"}])");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.message, "The request body must be a JSON object.");
  EXPECT_EQ(e.param, std::nullopt);
}

TEST(ParseChatRequest, MissingModel) {
  auto e = rejection(R"({"messages":[{"role":"user"}]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "model");
  EXPECT_EQ(e.code, "missing_required_parameter");
}

TEST(ParseChatRequest, ModelNotAString) {
  auto e = rejection(R"({"model":4,"messages":[{"role":"user"}]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "model");
  EXPECT_EQ(e.code, "invalid_type");
}

TEST(ParseChatRequest, MissingMessages) {
  auto e = rejection(R"({"model":"m"})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "messages");
  EXPECT_EQ(e.code, "missing_required_parameter");
}

TEST(ParseChatRequest, ContentPartsMustBeObjects) {
  auto e = rejection(
      R"({"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":[{"type":"text","text":"b"},[1]]}]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "messages[1].content[1]");
  EXPECT_EQ(e.code, "invalid_type");
  std::string fine =
      R"({"model":"m","messages":[{"role":"assistant","tool_calls":[]},)"
      R"({"role":"user","content":null},{"role":"user","content":[{"type":"text"}]}]})";
  canonical_request request;
  EXPECT_FALSE(parse_chat_request(fine, request).has_value());
}

TEST(ParseChatRequest, EmptyMessages) {
  auto e = rejection(R"({"model":"m","messages":[]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "messages");
  EXPECT_EQ(e.code, "empty_array");
}

TEST(ParseChatRequest, MessagesNotAnArray) {
  auto e = rejection(R"({"model":"m","messages":"hi"})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "messages");
}

TEST(ParseChatRequest, MessageNotAnObject) {
  auto e = rejection(R"({"model":"m","messages":[{"role":"user"},"hi"]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "messages[1]");
  EXPECT_EQ(e.code, "invalid_type");
}

TEST(ParseChatRequest, RoleMissing) {
  auto e = rejection(R"({"model":"m","messages":[{"content":"hi"}]})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "messages[0].role");
}

TEST(ParseChatRequest, StreamNotABool) {
  auto e = rejection(R"({"model":"m","messages":[{"role":"user"}],"stream":"yes"})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "stream");
  EXPECT_EQ(e.code, "invalid_type");
}

TEST(ParseChatRequest, IncludeUsageNotABool) {
  auto e = rejection(R"({"model":"m","messages":[{"role":"user"}],)"
                     R"("stream_options":{"include_usage":1}})");
  EXPECT_EQ(e.param, "stream_options.include_usage");
}

TEST(ParseChatRequest, MaxTokensMustBePositive) {
  auto e = rejection(R"({"model":"m","messages":[{"role":"user"}],"max_tokens":0})");
  EXPECT_EQ(e.param, "max_tokens");
  e = rejection(R"({"model":"m","messages":[{"role":"user"}],"max_completion_tokens":"5"})");
  EXPECT_EQ(e.param, "max_completion_tokens");
}

TEST(ParseChatRequest, DuplicateModelKey) {
  auto e = rejection(R"({"model":"a","messages":[{"role":"user"}],"model":"b"})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.param, "model");
}

TEST(ParseChatRequest, TrailingGarbageAfterTheObject) {
  auto e = rejection(R"({"model":"m","messages":[{"role":"user"}]} {"x":1})");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "invalid_json");
}

TEST(ParseChatRequest, TruncatedObject) {
  auto e = rejection(R"({"model":"m","messages":[{"role":"user"}])");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "invalid_json");
}

// Found by fuzzing: a broken literal where a value is tested for null made simdjson throw, and
// the client got a 500 instead of a 400.
TEST(ParseChatRequest, BrokenLiteralIsInvalidJson) {
  for (const char* body : {R"({"model":"m","messages":[{"role":"user"}],"stream": nope})",
                           R"({"model":"m","messages":[{"role":"user"}],"max_tokens": nul})",
                           R"({"model":"m","messages":[{"role":"user"}],"stream_options": nx})"}) {
    auto e = rejection(body);
    EXPECT_EQ(e.status, 400) << body;
    EXPECT_EQ(e.code, "invalid_json") << body;
  }
}

}  // namespace
}  // namespace keygate::canonical_request_test
