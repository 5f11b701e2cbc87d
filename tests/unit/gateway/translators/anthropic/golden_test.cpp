// Replays the fixtures in tests/golden/anthropic through the Anthropic translator
// (golden_replay.hpp).
#include <gtest/gtest.h>

#include "gateway/translators/anthropic/messages_translator.hpp"
#include "tests/unit/gateway/translators/golden_replay.hpp"

namespace keygate::anthropic::golden_test {
namespace {

namespace json = boost::json;
using golden::golden_case;

// Anthropic's events carry an "event:" line before their "data:" line.
std::string native_stream(const json::object& spec) {
  std::string sep =
      spec.contains("separator") ? std::string(spec.at("separator").as_string()) : "\n";
  std::string bytes;
  for (const auto& item : spec.at("native_events").as_array()) {
    const auto& e = item.as_object();
    if (e.contains("raw"))
      bytes += std::string(e.at("raw").as_string()) + sep + sep;
    else
      bytes += "event: " + std::string(e.at("event").as_string()) + sep +
               "data: " + json::serialize(e.at("data")) + sep + sep;
  }
  return bytes;
}

const golden::provider_fixture& anthropic() {
  static const messages_translator wire;
  static const golden::provider_fixture fixture = [] {
    deployment d;
    d.provider = "anthropic";
    d.model = "claude-sonnet-4-5";
    d.api_key = "sk-ant-test";
    d.endpoint = upstream_endpoint::parse("https://api.anthropic.com/v1");
    auto check_http = [](const native_request& native, const canonical_request&) {
      EXPECT_EQ(native.http.target, "/v1/messages");
      EXPECT_EQ(native.http.headers["x-api-key"], "sk-ant-test");
      EXPECT_EQ(native.http.headers["anthropic-version"], "2023-06-01");
    };
    return golden::provider_fixture{wire, d, check_http, native_stream};
  }();
  return fixture;
}

class AnthropicGolden : public ::testing::TestWithParam<golden_case> {};

TEST_P(AnthropicGolden, Matches) {
  golden::run_case(anthropic(), GetParam().spec);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, AnthropicGolden,
                         ::testing::ValuesIn(golden::load_cases("anthropic")), golden::case_name);

}  // namespace
}  // namespace keygate::anthropic::golden_test
