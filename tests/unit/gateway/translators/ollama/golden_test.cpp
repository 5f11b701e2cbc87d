// Replays the fixtures in tests/golden/ollama through the Ollama translator (golden_replay.hpp).
#include <gtest/gtest.h>

#include "gateway/translators/ollama/chat_translator.hpp"
#include "tests/unit/gateway/translators/golden_replay.hpp"

namespace keygate::ollama::golden_test {
namespace {

namespace json = boost::json;
using golden::golden_case;

// NDJSON: each event is a JSON line ("data") or raw bytes ("raw"), and each ends with "\n" unless
// the case says the body ends without one ("no_final_newline").
std::string native_stream(const json::object& spec) {
  std::string bytes;
  const auto& events = spec.at("native_events").as_array();
  const bool open_end = spec.contains("no_final_newline") && spec.at("no_final_newline").as_bool();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i].as_object();
    bytes +=
        e.contains("raw") ? std::string(e.at("raw").as_string()) : json::serialize(e.at("data"));
    if (i + 1 < events.size() || !open_end) bytes += "\n";
  }
  return bytes;
}

const golden::provider_fixture& ollama() {
  static const chat_translator wire;
  static const golden::provider_fixture fixture = [] {
    deployment d;
    d.provider = "ollama";
    d.model = "llama3.2";
    d.endpoint = upstream_endpoint::parse("http://localhost:11434");
    auto check_http = [](const native_request& native, const canonical_request& view) {
      EXPECT_EQ(native.http.target, "/api/chat");
      EXPECT_EQ(native.http.headers["accept"],
                view.stream ? "application/x-ndjson" : "application/json");
      EXPECT_EQ(native.http.headers.count("authorization"), 0u);  // no key configured
    };
    golden::provider_fixture f{wire, d, check_http, native_stream};
    f.random_call_ids = false;  // derived from the answer: compared exactly
    f.random_completion_ids = true;
    return f;
  }();
  return fixture;
}

class OllamaGolden : public ::testing::TestWithParam<golden_case> {};

TEST_P(OllamaGolden, Matches) {
  golden::run_case(ollama(), GetParam().spec);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, OllamaGolden, ::testing::ValuesIn(golden::load_cases("ollama")),
                         golden::case_name);

}  // namespace
}  // namespace keygate::ollama::golden_test
