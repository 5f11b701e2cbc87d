// Replays the fixtures in tests/golden/bedrock through the Bedrock Converse translator
// (golden_replay.hpp). Stream fixtures are framed as application/vnd.amazon.eventstream here.
#include <gtest/gtest.h>

#include "gateway/translators/bedrock/converse_translator.hpp"
#include "gateway/translators/bedrock/event_stream.hpp"
#include "gateway/translators/bedrock/sigv4.hpp"
#include "tests/unit/gateway/translators/golden_replay.hpp"

namespace keygate::bedrock::golden_test {
namespace {

namespace json = boost::json;
using golden::golden_case;

const auto signing_time = std::chrono::system_clock::from_time_t(1704067200);  // 2024-01-01

// Each native event as one eventstream message: an event, a modelled exception or an unmodelled
// error; "corrupt_crc" flips a bit of the message CRC.
std::string native_stream(const json::object& spec) {
  std::string bytes;
  for (const auto& item : spec.at("native_events").as_array()) {
    const auto& e = item.as_object();
    std::string frame;
    if (e.contains("event")) {
      frame = aws::encode_event(e.at("event").as_string(), json::serialize(e.at("data")));
    } else if (e.contains("exception")) {
      frame = aws::encode_exception(e.at("exception").as_string(), json::serialize(e.at("data")));
    } else {
      aws::event_message m;
      m.headers = {{":message-type", 7, "error", 0},
                   {":error-code", 7, std::string(e.at("error_code").as_string()), 0},
                   {":error-message", 7, std::string(e.at("error_message").as_string()), 0}};
      frame = aws::encode_event_message(m);
    }
    if (e.contains("corrupt_crc")) frame.back() ^= 1;
    bytes += frame;
  }
  return bytes;
}

// The request must carry a signature that verifies over its own target, host and body.
void check_http(const native_request& native, const canonical_request& view) {
  const auto& h = native.http.headers;
  EXPECT_EQ(native.http.target, std::string("/model/anthropic.claude-3-haiku-20240307-v1%3A0/") +
                                    (view.stream ? "converse-stream" : "converse"));
  EXPECT_EQ(h["accept"], view.stream ? "application/vnd.amazon.eventstream" : "application/json");
  if (h["authorization"].starts_with("Bearer ")) {
    EXPECT_EQ(h["authorization"], "Bearer bedrock-api-key-test");
    EXPECT_EQ(h.count("x-amz-date"), 0u);
    return;
  }
  EXPECT_EQ(h["x-amz-date"], "20240101T000000Z");
  const aws::request_parts parts{"POST",
                                 native.http.target,
                                 {},
                                 {{"content-type", "application/json"},
                                  {"host", "bedrock-runtime.us-east-1.amazonaws.com"},
                                  {"x-amz-date", "20240101T000000Z"}},
                                 native.http.body};
  const aws::credentials keys{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  EXPECT_EQ(h["authorization"],
            aws::sign(parts, keys, "20240101T000000Z", "us-east-1", "bedrock").authorization);
}

const golden::provider_fixture& bedrock() {
  static const converse_translator wire([] { return signing_time; });
  static const golden::provider_fixture fixture = [] {
    deployment d;
    d.provider = "bedrock";
    d.model = "anthropic.claude-3-haiku-20240307-v1:0";
    d.aws = {"us-east-1", "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    d.endpoint = upstream_endpoint::parse("https://bedrock-runtime.us-east-1.amazonaws.com");
    golden::provider_fixture f{wire, d, check_http, native_stream};
    f.random_completion_ids = true;
    return f;
  }();
  return fixture;
}

class BedrockGolden : public ::testing::TestWithParam<golden_case> {};

TEST_P(BedrockGolden, Matches) {
  golden::run_case(bedrock(), GetParam().spec);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BedrockGolden,
                         ::testing::ValuesIn(golden::load_cases("bedrock")), golden::case_name);

}  // namespace
}  // namespace keygate::bedrock::golden_test
