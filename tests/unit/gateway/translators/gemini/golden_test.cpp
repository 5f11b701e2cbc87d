// Replays the fixtures in tests/golden/gemini through the Gemini translator (golden_replay.hpp).
#include <gtest/gtest.h>

#include "gateway/translators/gemini/generate_content_translator.hpp"
#include "tests/unit/gateway/translators/golden_replay.hpp"

namespace keygate::gemini::golden_test {
namespace {

namespace json = boost::json;
using golden::golden_case;

// Gemini's events are "data: <json>" lines followed by "\r\n\r\n".
std::string native_stream(const json::object& spec) {
  std::string bytes;
  for (const auto& item : spec.at("native_events").as_array()) {
    const auto& e = item.as_object();
    bytes += e.contains("raw") ? std::string(e.at("raw").as_string())
                               : "data: " + json::serialize(e.at("data"));
    bytes += "\r\n\r\n";
  }
  return bytes;
}

const golden::provider_fixture& gemini() {
  static const generate_content_translator wire;
  static const golden::provider_fixture fixture = [] {
    deployment d;
    d.provider = "gemini";
    d.model = "gemini-2.5-flash";
    d.api_key = "AIza-test";
    d.endpoint = upstream_endpoint::parse("https://generativelanguage.googleapis.com/v1beta");
    auto check_http = [](const native_request& native, const canonical_request& view) {
      EXPECT_EQ(native.http.target,
                view.stream ? "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
                            : "/v1beta/models/gemini-2.5-flash:generateContent");
      EXPECT_EQ(native.http.headers["x-goog-api-key"], "AIza-test");
    };
    return golden::provider_fixture{wire, d, check_http, native_stream};
  }();
  return fixture;
}

class GeminiGolden : public ::testing::TestWithParam<golden_case> {};

TEST_P(GeminiGolden, Matches) {
  golden::run_case(gemini(), GetParam().spec);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GeminiGolden, ::testing::ValuesIn(golden::load_cases("gemini")),
                         golden::case_name);

TEST(GeminiModelPath, StripsThePrefixAndEncodes) {
  EXPECT_EQ(model_path("/v1beta", "models/gemini-2.5-pro", false),
            "/v1beta/models/gemini-2.5-pro:generateContent");
  EXPECT_EQ(model_path("", "tuned/a b@x=1", true),
            "/models/tuned%2Fa%20b@x=1:streamGenerateContent?alt=sse");
}

}  // namespace
}  // namespace keygate::gemini::golden_test
