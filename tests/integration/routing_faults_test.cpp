// The fault matrix: every fault the fake provider can play, streamed and not, against one
// deployment with a retry, a group with a healthy second deployment, and a fallback to another
// provider. Each case checks what the client sees, the attempts, who served, the time spent
// waiting, and that no descriptor or upstream connection is left behind.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "standard_models.hpp"

namespace keygate::testing::routing_faults_test {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

struct fault {
  std::string name;
  std::string knobs_stream, knobs_whole;  // fake knobs for each mode ("" = a closed port)
  int status;                             // what one deployment alone ends with
  std::string code;
  bool breaks_started_stream;   // once streaming, the client gets an error event, no retry
  milliseconds single_wait{0};  // at least this long waited before the retry (retry-after)
};

const std::vector<fault> faults = {
    {"rate_limited", "status=429,retry_after=1", "status=429,retry_after=1", 429,
     "rate_limit_exceeded", false, milliseconds(1000)},
    {"server_error", "status=500", "status=500", 500, "", false},
    {"unavailable", "status=503", "status=503", 503, "overloaded", false},
    {"overloaded_529", "status=529", "status=529", 503, "overloaded", false},
    {"connect_refused", "", "", 502, "upstream_unreachable", false},
    {"reset_before_headers", "reset=before_headers", "reset=before_headers", 502,
     "upstream_connection_lost", false},
    {"reset_mid_stream", "reset=mid_stream,tokens=6", "reset=mid_stream,tokens=6", 502,
     "upstream_connection_lost", true},
    {"first_token_timeout", "ttft=2000", "latency=2000", 504, "upstream_timeout", false},
    {"idle_stream_timeout", "itl=1500,tokens=4", "itl=1500,tokens=4", 504, "upstream_timeout",
     true},
    {"truncated", "truncate=1,tokens=6", "truncate=1,tokens=6", 502, "upstream_connection_lost",
     true},
    {"malformed_body", "malformed=1", "malformed=1", 502, "upstream_invalid_response", false},
};

enum class topology { single, group, fallback };

struct matrix_case {
  fault f;
  bool stream;
  topology where;
};

void PrintTo(const matrix_case& c, std::ostream* out) {
  *out << c.f.name << (c.stream ? " stream" : " whole") << " topology "
       << static_cast<int>(c.where);
}

std::string case_name(const ::testing::TestParamInfo<matrix_case>& info) {
  const char* where[] = {"single", "group", "fallback"};
  return info.param.f.name + (info.param.stream ? "_stream_" : "_whole_") +
         where[static_cast<int>(info.param.where)];
}

// No ledger: its SQLite files open and close descriptors of their own, and these tests count them.
const std::string router =
    "router:\n  backoff_base_ms: 50\n  backoff_max_ms: 200\n  retry_after_cap_ms: 2000\n"
    "  cooldown: {failures: 10}\nledger: false\n";

std::string faulty_deployment(const matrix_case& c, const std::string& indent) {
  const auto& knobs = c.stream ? c.f.knobs_stream : c.f.knobs_whole;
  const std::string base = knobs.empty() ? "http://127.0.0.1:1/v1" : "FAKE";
  return indent + "provider: openai\n" + indent + "model: \"fake-gpt@" + knobs + "\"\n" + indent +
         "api_base: " + base + "\n" + indent + "api_key: k\n" + indent +
         "timeouts: {first_byte_ms: 300, between_chunks_ms: 300}\n";
}

std::string models_for(const matrix_case& c) {
  switch (c.where) {
    case topology::single:
      return "  - name: m\n    retries: 1\n" + faulty_deployment(c, "    ");
    case topology::group:
      return "  - name: m\n    strategy: priority\n    retries: 1\n    deployments:\n"
             "      - name: faulty\n        priority: 0\n" +
             faulty_deployment(c, "        ") +
             "      - name: healthy\n        priority: 1\n        provider: openai\n"
             "        model: fake-gpt\n        api_base: FAKE\n        api_key: k\n";
    case topology::fallback:
      return "  - name: m\n    retries: 0\n    fallbacks: [backup]\n" +
             faulty_deployment(c, "    ") + "  - name: backup\n    provider: mock\n";
  }
  return "";
}

struct connections {
  long open, idle;
};

connections upstream_connections(unsigned short port) {
  auto ready = json::parse(http_call(port, "GET", "/health/ready").body);
  auto& c = ready.at("upstream_connections");
  return {c.at("open").as_int64(), c.at("idle").as_int64()};
}

class FaultMatrix : public ::testing::TestWithParam<matrix_case> {};

TEST_P(FaultMatrix, ClientSeesTheRightEndAndNothingLeaks) {
  const auto& c = GetParam();
  gateway_fixture env(models_for(c), router);
  const pid_t pid = env.gateway->pid();
  // Warm up so lazily opened descriptors (logs, DNS) are already counted.
  ASSERT_EQ(http_call(env.port(), "GET", "/health/ready").status, 200);
  const auto conns_before = upstream_connections(env.port());
  // keygate closes its side of a finished client connection when it reads the EOF.
  ASSERT_TRUE(eventually([&] { return accepted_connections(pid, env.port()) == 0; }));
  const int fds_before = count_fds(pid);

  const auto start = std::chrono::steady_clock::now();
  auto reply = post_json(env.port(), "/v1/chat/completions", chat_body("m", c.stream));
  const auto took = std::chrono::steady_clock::now() - start;

  const bool stream_broke = c.stream && c.f.breaks_started_stream;
  if (stream_broke) {
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto data = sse_data(reply.body);
    ASSERT_FALSE(data.empty());
    EXPECT_EQ(std::count(data.begin(), data.end(), "[DONE]"), 0);
    EXPECT_TRUE(json::parse(data.back()).as_object().contains("error")) << data.back();
    EXPECT_EQ(reply.header("x-keygate-attempts"), "1") << "a started stream is never retried";
    EXPECT_EQ(reply.header("x-keygate-deployment"), c.where == topology::group ? "faulty" : "m");
  } else if (c.where == topology::single) {
    EXPECT_EQ(reply.status, c.f.status) << reply.body;
    auto error = json::parse(reply.body).at("error").as_object();
    if (!c.f.code.empty()) {
      EXPECT_EQ(error.at("code").as_string(), c.f.code) << reply.body;
    }
    EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
    EXPECT_EQ(reply.header("x-keygate-deployment"), "m");
    if (c.f.status == 429) {
      EXPECT_EQ(reply.header("retry-after"), "1");
    }
    EXPECT_GE(took, c.f.single_wait) << "the upstream's retry-after is honoured";
  } else {
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
    EXPECT_EQ(reply.header("x-keygate-deployment"),
              c.where == topology::group ? "healthy" : "backup");
    if (c.stream) {
      EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
    }
    EXPECT_LT(took, time_limit(milliseconds(1500)))
        << "another deployment does not wait for a retry-after";
  }
  // Bounded waits: timeouts of 300 ms, backoff of at most 200 ms, retry-after of 1 s.
  EXPECT_LT(took, c.f.single_wait + time_limit(milliseconds(1500)));

  connections conns_after{};
  eventually([&] {
    conns_after = upstream_connections(env.port());
    return conns_after.open == conns_after.idle;
  });
  EXPECT_EQ(conns_after.open, conns_after.idle) << "no upstream connection is left in use";
  // Counted once the client connections (the last /health/ready's too) are closed. Fewer is fine:
  // a connection of an earlier step may close meanwhile.
  int fds_after = 0;
  eventually([&] {
    fds_after = count_fds(pid);
    return fds_after - fds_before <= conns_after.open - conns_before.open;
  });
  EXPECT_LE(fds_after - fds_before, conns_after.open - conns_before.open)
      << "every new descriptor is a pooled upstream connection";
}

std::vector<matrix_case> all_cases() {
  std::vector<matrix_case> cases;
  for (const auto& f : faults)
    for (bool stream : {false, true})
      for (auto where : {topology::single, topology::group, topology::fallback})
        cases.push_back({f, stream, where});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Routing, FaultMatrix, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace keygate::testing::routing_faults_test
