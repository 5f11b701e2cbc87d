// The attempt loop against a scripted provider: each deployment plays a list of outcomes, and the
// tests check which deployments were tried, in what order, what the client got, and what the
// report says. No network: the provider answers in-process.
#include "gateway/engine/attempt_loop.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/engine/deployment_health.hpp"
#include "gateway/engine/routing_table.hpp"

namespace keygate::attempt_loop_test {
namespace {

// What one attempt at a deployment does.
enum class play { answer, stream_then_break, rate_limited, bad_key, too_long, bad_request };

// Answers each attempt with the next step of its deployment's script; records every attempt.
class scripted_provider final : public provider {
 public:
  void script(const std::string& deployment, std::vector<play> steps) {
    scripts_[deployment] = std::deque<play>(steps.begin(), steps.end());
  }
  const std::vector<std::string>& tried() const { return tried_; }

  task<attempt_result> chat(attempt_call& call) const override {
    tried_.push_back(call.target.id);
    auto& steps = scripts_[call.target.id];
    const play step = steps.empty() ? play::answer : steps.front();
    if (!steps.empty()) steps.pop_front();
    token_usage usage{10, 5, 0, 0, 0, true};
    switch (step) {
      case play::answer: {
        std::string body = "{\"from\":\"" + call.target.id + "\"}";
        co_await call.answer.whole(call.target, std::move(body), usage);
        co_return attempt_result{true, true, std::nullopt, {}};
      }
      case play::stream_then_break: {
        co_await call.answer.begin_stream(call.target);
        outgoing_bytes first;
        first.emit("data: {\"first\":true}\n\n");
        co_await call.answer.stream(first, usage, false);
        stream_ending broken;
        broken.error_event = openai_error{502, "cut", "server_error", std::nullopt,
                                          std::string("upstream_stream_truncated")};
        co_await call.answer.end_stream(broken);
        co_return attempt_result{true, false, std::nullopt, {}};
      }
      case play::rate_limited:
        co_return failed(429, "rate_limit_exceeded", failure_kind::retryable,
                         std::chrono::milliseconds(1));
      case play::bad_key:
        co_return failed(401, "invalid_api_key", failure_kind::deployment_fault);
      case play::too_long:
        co_return failed(400, "context_length_exceeded", failure_kind::context_window);
      case play::bad_request:
        co_return failed(400, "invalid_value", failure_kind::client_error);
    }
    co_return attempt_result{};
  }

 private:
  static attempt_result failed(int status, const char* code, failure_kind kind,
                               std::optional<std::chrono::milliseconds> retry_after = {}) {
    const openai_error error{status, code, "invalid_request_error", std::nullopt,
                             std::string(code)};
    return {false,
            kind != failure_kind::retryable && kind != failure_kind::deployment_fault,
            attempt_failure{error, kind, retry_after},
            {}};
  }

  mutable std::map<std::string, std::deque<play>> scripts_;
  mutable std::vector<std::string> tried_;
};

// Keeps what reaches the client.
class recording_sink final : public answer_sink {
 public:
  void note_header(std::string_view name, std::string_view value) override {
    headers[std::string(name)] = std::string(value);
  }
  task<void> whole(const deployment&, std::string body, const token_usage& usage,
                   answer_form) override {
    outcome_.status = 200;
    outcome_.usage = usage;
    sent += body;
    co_return;
  }
  task<bool> begin_stream(const deployment&, answer_form) override {
    outcome_.status = 200;
    streamed = true;
    co_return true;
  }
  task<bool> stream(outgoing_bytes& events, const token_usage& usage, bool) override {
    outcome_.usage = usage;
    for (const auto& b : events.buffers())
      sent.append(static_cast<const char*>(b.data()), b.size());
    events.clear();
    co_return true;
  }
  task<void> end_stream(const stream_ending& how) override {
    if (how.error_event) sent += how.error_event->to_sse_event();
    co_return;
  }

  std::map<std::string, std::string> headers;
  std::string sent;
  bool streamed = false;
};

class no_waits final : public wait_recorder {
 public:
  void add_wait(std::chrono::steady_clock::duration, bool) override {}
  std::chrono::steady_clock::duration upstream_waited() const override { return {}; }
};

scripted_provider* scripted = nullptr;
const provider& lookup(std::string_view) {
  return *scripted;
}

// Groups: `main` (a, b; 2 retries; falls back to `spare`), `spare` (c), `big` (d), `solo` (e;
// falls back to `big` when the prompt is too long). Groups that do not say retry nothing; backoff
// is 1 ms at most.
constexpr std::string_view routing_yaml = R"(
router:
  retries: 0
  backoff_base_ms: 1
  backoff_max_ms: 1
  cooldown: {failures: 2, window_ms: 60000, period_ms: 60000}
models:
  - name: main
    strategy: priority
    retries: 2
    fallbacks: [spare]
    deployments:
      - {name: a, provider: mock, priority: 0}
      - {name: b, provider: mock, priority: 1}
  - name: spare
    deployments:
      - {name: c, provider: mock}
  - name: big
    deployments:
      - {name: d, provider: mock}
  - name: solo
    retries: 2
    context_window_fallbacks: [big]
    deployments:
      - {name: e, provider: mock}
)";

class AttemptLoop : public ::testing::Test {
 protected:
  AttemptLoop()
      : table_(std::make_shared<const config>(parse_config(routing_yaml, "routing.yaml")), health_,
               &lookup),
        upstream_(io_, table_.cfg().upstream) {
    request_.model = "main";
  }

  attempt_report run(const std::string& group) {
    attempt_report report;
    const attempt_loop_context ctx{.request = request_,
                                   .table = table_,
                                   .upstream = upstream_,
                                   .rng = rng_,
                                   .answer = sink_,
                                   .waits = waits_,
                                   .executor = io_.get_executor(),
                                   .request_id = "req-1",
                                   .deadline = std::nullopt};
    net::co_spawn(io_, run_attempt_loop(ctx, *table_.find(group), report),
                  [](std::exception_ptr e) {
                    if (e) std::rethrow_exception(e);
                  });
    io_.run();
    io_.restart();
    return report;
  }

  net::io_context io_;
  health_registry health_;
  scripted_provider provider_;
  // The table looks its providers up as it is built: the lookup must find this test's provider.
  bool provider_registered_ = (scripted = &provider_, true);
  routing_table table_;
  upstream_client upstream_;
  std::mt19937_64 rng_{7};
  recording_sink sink_;
  no_waits waits_;
  canonical_request request_;
};

TEST_F(AttemptLoop, TheFirstAnswerIsTheOnlyOne) {
  auto report = run("main");
  EXPECT_EQ(provider_.tried(), std::vector<std::string>{"a"});
  EXPECT_EQ(sink_.sent, "{\"from\":\"a\"}");
  EXPECT_EQ(report.attempts, 1);
  EXPECT_FALSE(report.refusal);
  EXPECT_EQ(sink_.headers["x-keygate-deployment"], "a");
  EXPECT_EQ(sink_.headers["x-keygate-attempts"], "1");
}

TEST_F(AttemptLoop, RetriesMoveToAnotherDeploymentBeforeComingBack) {
  provider_.script("a", {play::rate_limited, play::answer});
  provider_.script("b", {play::rate_limited});
  auto report = run("main");
  EXPECT_EQ(provider_.tried(), (std::vector<std::string>{"a", "b", "a"}));
  EXPECT_EQ(sink_.sent, "{\"from\":\"a\"}");
  EXPECT_EQ(report.attempts, 3);
  EXPECT_EQ(sink_.headers["x-keygate-attempts"], "3");
}

TEST_F(AttemptLoop, SpentRetriesFallBackToTheNextGroup) {
  provider_.script("a", {play::rate_limited, play::rate_limited});
  provider_.script("b", {play::rate_limited});
  auto report = run("main");
  EXPECT_EQ(provider_.tried(), (std::vector<std::string>{"a", "b", "a", "c"}));
  EXPECT_EQ(sink_.sent, "{\"from\":\"c\"}");
  EXPECT_EQ(report.served_by->id, "c");
}

TEST_F(AttemptLoop, WhenEveryoneFailsTheLastFailureIsTheRefusalAndNothingWasSent) {
  provider_.script("a", {play::rate_limited, play::rate_limited});
  provider_.script("b", {play::rate_limited});
  provider_.script("c", {play::rate_limited});
  auto report = run("main");
  ASSERT_TRUE(report.refusal);
  EXPECT_EQ(report.refusal->error.status, 429);
  EXPECT_EQ(report.refusal->retry_after, std::chrono::milliseconds(1));
  EXPECT_EQ(sink_.sent, "");
  EXPECT_EQ(report.attempts, 4);
}

TEST_F(AttemptLoop, ABadKeyBenchesItsDeploymentForTheNextRequests) {
  provider_.script("a", {play::bad_key});
  run("main");
  // A key the provider refuses benches its deployment at once: the next requests go to `b`.
  run("main");
  run("main");
  EXPECT_EQ(provider_.tried(), (std::vector<std::string>{"a", "b", "b", "b"}));
}

TEST_F(AttemptLoop, APromptTooLongGoesToTheContextWindowFallbackAtOnce) {
  provider_.script("e", {play::too_long});
  auto report = run("solo");
  EXPECT_EQ(provider_.tried(), (std::vector<std::string>{"e", "d"}));
  EXPECT_EQ(sink_.sent, "{\"from\":\"d\"}");
  EXPECT_FALSE(report.refusal);
}

TEST_F(AttemptLoop, ABadRequestIsNeitherRetriedNorFallenBackFrom) {
  provider_.script("a", {play::bad_request});
  auto report = run("main");
  EXPECT_EQ(provider_.tried(), std::vector<std::string>{"a"});
  ASSERT_TRUE(report.refusal);
  EXPECT_EQ(report.refusal->error.status, 400);
}

TEST_F(AttemptLoop, NothingIsRetriedOnceAStreamHasStarted) {
  provider_.script("a", {play::stream_then_break});
  auto report = run("main");
  EXPECT_EQ(provider_.tried(), std::vector<std::string>{"a"});
  EXPECT_TRUE(sink_.streamed);
  EXPECT_NE(sink_.sent.find("upstream_stream_truncated"), std::string::npos);
  EXPECT_EQ(sink_.sent.find("[DONE]"), std::string::npos);
  EXPECT_FALSE(report.refusal);
}

}  // namespace
}  // namespace keygate::attempt_loop_test
