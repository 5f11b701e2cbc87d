#include "gateway/translators/openai/passthrough_body.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <string>

namespace keygate::openai::passthrough_body_test {
namespace {

namespace json = boost::json;

// Parses `body` as a client request and returns what goes upstream.
std::string rewrite(std::string body, std::string_view upstream_model) {
  canonical_request request;
  auto error = parse_chat_request(body, request);
  EXPECT_FALSE(error.has_value()) << (error ? error->message : "");
  return passthrough_body(request, upstream_model);
}

TEST(PassthroughBody, NonStreamChangesOnlyTheModel) {
  const std::string before = R"({"messages":[{"role":"user","content":"hi"}], "model" : )";
  const std::string after = R"( ,"temperature":0.5,"x":{"model":"keep"}})";
  const std::string out = rewrite(before + R"("public")" + after, "upstream-1");
  EXPECT_EQ(out, before + R"("upstream-1")" + after);
}

TEST(PassthroughBody, StreamWithoutOptionsGetsIncludeUsage) {
  const std::string body =
      R"({"model":"pub","messages":[{"role":"user","content":"hi"}],"stream":true,"n":1})";
  const std::string out = rewrite(body, "up");
  const json::value parsed = json::parse(out);
  const auto& o = parsed.as_object();
  EXPECT_EQ(o.size(), 5u);
  EXPECT_EQ(o.at("model"), "up");
  EXPECT_EQ(o.at("stream"), true);
  EXPECT_EQ(o.at("n"), 1);
  EXPECT_EQ(o.at("messages"), json::parse(R"([{"role":"user","content":"hi"}])"));
  EXPECT_EQ(o.at("stream_options"), json::parse(R"({"include_usage":true})"));
}

TEST(PassthroughBody, StreamWithPrettyPrintedBodyStaysValidJson) {
  const std::string body =
      "  {\n  \"stream\": true,\n  \"model\": \"pub\",\n  \"messages\": [{\"role\": "
      "\"user\"}]\n}\n";
  const json::value parsed = json::parse(rewrite(body, "up"));
  EXPECT_EQ(parsed.at("model"), "up");
  EXPECT_EQ(parsed.at("stream_options").at("include_usage"), true);
}

TEST(PassthroughBody, StreamKeepsTheClientsOtherStreamOptions) {
  const std::string body =
      R"({"model":"pub","stream":true,"stream_options":{"include_obfuscation":false},)"
      R"("messages":[{"role":"user"}]})";
  const std::string out = rewrite(body, "up");
  const json::value parsed = json::parse(out);
  EXPECT_EQ(parsed.at("model"), "up");
  EXPECT_EQ(parsed.at("stream_options"),
            json::parse(R"({"include_obfuscation":false,"include_usage":true})"));
  EXPECT_EQ(parsed.at("messages"), json::parse(R"([{"role":"user"}])"));
  EXPECT_EQ(parsed.as_object().size(), 4u);
}

TEST(PassthroughBody, IncludeUsageFalseIsTurnedOn) {
  const std::string body =
      R"({"stream_options":{"include_usage":false},"model":"pub","stream":true,)"
      R"("messages":[{"role":"user"}]})";
  const json::value parsed = json::parse(rewrite(body, "up"));
  EXPECT_EQ(parsed.at("model"), "up");
  EXPECT_EQ(parsed.at("stream_options"), json::parse(R"({"include_usage":true})"));
}

TEST(PassthroughBody, StreamWithIncludeUsageAlreadyTrueChangesOnlyTheModel) {
  const std::string body =
      R"({"model":"pub","stream":true,"stream_options":{ "include_usage" : true },)"
      R"("messages":[{"role":"user"}]})";
  std::string expected = body;
  expected.replace(expected.find(R"("pub")"), 5, R"("upstream")");
  EXPECT_EQ(rewrite(body, "upstream"), expected);
}

TEST(PassthroughBody, NonStreamIgnoresStreamOptions) {
  const std::string body =
      R"({"model":"pub","stream":false,"stream_options":{"x":1},"messages":[{"role":"user"}]})";
  std::string expected = body;
  expected.replace(expected.find(R"("pub")"), 5, R"("up")");
  EXPECT_EQ(rewrite(body, "up"), expected);
}

TEST(PassthroughBody, EscapesTheUpstreamModelName) {
  const std::string body = R"({"model":"pub","messages":[{"role":"user"}]})";
  const std::string name = "we\"ird\\name/\xc3\xa9\n";
  const std::string out = rewrite(body, name);
  const json::value parsed = json::parse(out);
  EXPECT_EQ(parsed.at("model").as_string(), name);
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_NE(out.find(R"(we\"ird\\name)"), std::string::npos);
}

TEST(PassthroughBody, EscapedClientModelIsReplacedWhole) {
  const std::string body = R"({"model":"p\"u\u00e9b","messages":[{"role":"user"}],"stream":true})";
  const json::value parsed = json::parse(rewrite(body, "up"));
  EXPECT_EQ(parsed.at("model"), "up");
  EXPECT_EQ(parsed.at("stream_options").at("include_usage"), true);
}

}  // namespace
}  // namespace keygate::openai::passthrough_body_test
