// Replays the fixtures in tests/golden/mistral through the Mistral translator (golden_replay.hpp).
#include <gtest/gtest.h>

#include "gateway/translators/mistral/chat_translator.hpp"
#include "tests/unit/gateway/translators/golden_replay.hpp"

namespace keygate::mistral::golden_test {
namespace {

namespace json = boost::json;
using golden::golden_case;

// Mistral's events are "data: <json>" lines; a fixture may pick another line ending.
std::string native_stream(const json::object& spec) {
  const std::string sep =
      spec.contains("separator") ? std::string(spec.at("separator").as_string()) : "\n";
  std::string bytes;
  for (const auto& item : spec.at("native_events").as_array()) {
    const auto& e = item.as_object();
    bytes += e.contains("raw") ? std::string(e.at("raw").as_string())
                               : "data: " + json::serialize(e.at("data"));
    bytes += sep + sep;
  }
  return bytes;
}

const golden::provider_fixture& mistral() {
  static const chat_translator wire;
  static const golden::provider_fixture fixture = [] {
    deployment d;
    d.provider = "mistral";
    d.model = "mistral-large-latest";
    d.api_key = "mistral-test-key";
    d.endpoint = upstream_endpoint::parse("https://api.mistral.ai/v1");
    auto check_http = [](const native_request& native, const canonical_request& view) {
      EXPECT_EQ(native.http.target, "/v1/chat/completions");
      EXPECT_EQ(native.http.headers["authorization"], "Bearer mistral-test-key");
      EXPECT_EQ(native.http.headers["accept"],
                view.stream ? "text/event-stream" : "application/json");
    };
    return golden::provider_fixture{wire, d, check_http, native_stream};
  }();
  return fixture;
}

class MistralGolden : public ::testing::TestWithParam<golden_case> {};

TEST_P(MistralGolden, Matches) {
  golden::run_case(mistral(), GetParam().spec);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MistralGolden,
                         ::testing::ValuesIn(golden::load_cases("mistral")), golden::case_name);

}  // namespace
}  // namespace keygate::mistral::golden_test
