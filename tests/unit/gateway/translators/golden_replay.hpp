// Replays a provider's golden fixtures (tests/golden/<provider>/*.json) through its translator:
// OpenAI requests to native ones, native answers, errors and streams back to OpenAI's shapes, each
// stream fed whole, at every byte split and one byte at a time. Shared by every translator's test.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/engine/translator.hpp"

namespace keygate::golden {

struct golden_case {
  std::string file;
  std::size_t index = 0;
  boost::json::object spec;
};

void PrintTo(const golden_case& c, std::ostream* os);
std::vector<golden_case> load_cases(const std::string& provider);
std::string case_name(const ::testing::TestParamInfo<golden_case>& info);

// What differs between providers.
struct provider_fixture {
  const translator& wire;
  deployment target;  // model, key and endpoint the fixtures were written for
  // Checks the parts of a native request that are not its body: target path, auth headers.
  std::function<void(const native_request&, const canonical_request&)> check_http;
  // The bytes of a stream fixture's "native_events", framed as the provider frames them.
  std::function<std::string(const boost::json::object& spec)> native_stream;
  // Ids synthesized for calls that came without one are random, and fixtures write them as
  // "call_<synthesized>"; a provider whose ids are derived from the answer compares them exactly.
  bool random_call_ids = true;
  // The answer's own id is made up by keygate (chatcmpl-<24 hex>): fixtures write
  // "chatcmpl-<random>".
  bool random_completion_ids = false;
};

// Runs one fixture case (its "kind" is request, response, error or stream; an error case may give
// the response's "native_headers"). A case's
// "deployment" object overrides the fixture's deployment: "reasoning" (bool), "api_key".
void run_case(const provider_fixture& provider, const boost::json::object& spec);

}  // namespace keygate::golden
