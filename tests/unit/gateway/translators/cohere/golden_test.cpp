// Replays the fixtures in tests/golden/cohere through the Cohere translator (golden_replay.hpp).
#include <gtest/gtest.h>

#include "gateway/translators/cohere/chat_translator.hpp"
#include "tests/unit/gateway/translators/golden_replay.hpp"

namespace keygate::cohere::golden_test {
namespace {

namespace json = boost::json;
using golden::golden_case;

// Cohere names each event twice, in its "event:" line and in its data's "type"; an event without
// a type (an error body) has only a data line. A fixture may pick another line ending.
std::string native_stream(const json::object& spec) {
  const std::string sep =
      spec.contains("separator") ? std::string(spec.at("separator").as_string()) : "\n";
  std::string bytes;
  for (const auto& item : spec.at("native_events").as_array()) {
    const auto& e = item.as_object();
    if (e.contains("raw")) {
      bytes += std::string(e.at("raw").as_string());
    } else {
      const auto& data = e.at("data").as_object();
      if (const auto* type = data.if_contains("type"))
        bytes += "event: " + std::string(type->as_string()) + sep;
      bytes += "data: " + json::serialize(data);
    }
    bytes += sep + sep;
  }
  return bytes;
}

const golden::provider_fixture& cohere() {
  static const chat_translator wire;
  static const golden::provider_fixture fixture = [] {
    deployment d;
    d.provider = "cohere";
    d.model = "command-a-03-2025";
    d.api_key = "cohere-test-key";
    d.endpoint = upstream_endpoint::parse("https://api.cohere.com/v2");
    auto check_http = [](const native_request& native, const canonical_request& view) {
      EXPECT_EQ(native.http.target, "/v2/chat");
      EXPECT_EQ(native.http.headers["authorization"], "Bearer cohere-test-key");
      EXPECT_EQ(native.http.headers["accept"],
                view.stream ? "text/event-stream" : "application/json");
    };
    golden::provider_fixture f{wire, d, check_http, native_stream};
    f.random_completion_ids = true;
    return f;
  }();
  return fixture;
}

class CohereGolden : public ::testing::TestWithParam<golden_case> {};

TEST_P(CohereGolden, Matches) {
  golden::run_case(cohere(), GetParam().spec);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CohereGolden, ::testing::ValuesIn(golden::load_cases("cohere")),
                         golden::case_name);

}  // namespace
}  // namespace keygate::cohere::golden_test
