// The response cache, through the real keygate binary: hits and misses, stream replay, identical
// requests in flight coalesced, bypass, expiry, a hit's cost in the ledger and the metrics, and
// two instances sharing hits through a real Redis.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <string>
#include <vector>

#include "gateway/accounting/cost.hpp"
#include "harness.hpp"
#include "metrics_text.hpp"
#include "redis_server.hpp"
#include "standard_models.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::testing::response_cache_test {
namespace {

namespace json = boost::json;

const std::string master = "master-key-for-cache-tests-1";
const std::string priced = "    price: {input: 1000, output: 2000}\n";

std::string models() {
  return model_entry("cached", "fake-gpt@tokens=6", priced + "    cache: true\n") +
         model_entry("slow", "fake-gpt@latency=400,tokens=6", priced + "    cache: true\n") +
         model_entry("brief", "fake-gpt@tokens=6", priced + "    cache: {ttl_seconds: 1}\n") +
         model_entry("sampled", "fake-gpt@tokens=6",
                     priced + "    cache: {any_temperature: true, per_key: true}\n") +
         model_entry("uncached", "fake-gpt@tokens=6", priced);
}

std::string access_yaml() {
  return "auth:\n  master_key: " + master +
         "\n  keys:\n"
         "    - {id: one, key: sk-one-0001}\n"
         "    - {id: two, key: sk-two-0001}\n"
         "    - {id: ledgered, key: sk-ledgered-0001}\n"
         "    - {id: saver, key: sk-saver-0001}\n";
}

const std::string greedy = R"(,"temperature":0)";

class ResponseCache : public ::testing::Test {
 public:
  static void SetUpTestSuite() { env = new gateway_fixture(models(), access_yaml()); }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;
  static unsigned short port() { return env->port(); }
  static long upstream_calls() { return fake_stat(*env, "requests_total"); }
};
gateway_fixture* ResponseCache::env = nullptr;

http_reply ask(unsigned short port, const std::string& model, const std::string& extra,
               bool stream = false, const std::string& secret = "sk-one-0001",
               const std::map<std::string, std::string>& headers = {}) {
  auto all = bearer(secret);
  all.insert(headers.begin(), headers.end());
  return http_call(port, "POST", "/v1/chat/completions", chat_body(model, stream, extra), all);
}

// The text a stream carries: its deltas' content, joined.
std::string streamed_text(const std::string& body) {
  std::string text;
  for (const auto& data : sse_data(body)) {
    if (data == "[DONE]") continue;
    auto event = json::parse(data).as_object();
    for (const auto& choice : event.at("choices").as_array())
      if (auto* content = choice.at("delta").as_object().if_contains("content"))
        if (content->is_string()) text += content->as_string();
  }
  return text;
}

TEST_F(ResponseCache, TheSameRequestHitsAndADifferentParameterMisses) {
  const long before = upstream_calls();
  auto first = ask(port(), "cached", greedy + R"(,"max_tokens":50)");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-keygate-cache"), "miss");
  auto again = ask(port(), "cached", greedy + R"(,"max_tokens":50)");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.header("x-keygate-cache"), "hit");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("x-keygate-cost-usd"), "0.0");
  EXPECT_EQ(again.header("x-keygate-saved-usd"), first.header("x-keygate-cost-usd"));
  // Another parameter is another answer.
  EXPECT_EQ(ask(port(), "cached", greedy + R"(,"max_tokens":51)").header("x-keygate-cache"),
            "miss");
  // Member order, spacing and OpenAI's user do not matter.
  auto reordered = http_call(port(), "POST", "/v1/chat/completions",
                             R"({ "max_tokens": 50, "temperature": 0, "user": "someone",
           "messages": [{"content": "say hello now", "role": "user"}], "model": "cached" })",
                             bearer("sk-one-0001"));
  EXPECT_EQ(reordered.header("x-keygate-cache"), "hit");
  EXPECT_EQ(upstream_calls() - before, 2);
  // Another key shares the entry, unless the group caches per key.
  EXPECT_EQ(ask(port(), "cached", greedy + R"(,"max_tokens":50)", false, "sk-two-0001")
                .header("x-keygate-cache"),
            "hit");
}

TEST_F(ResponseCache, SampledAnswersAreNotCachedUnlessTheGroupSaysSo) {
  EXPECT_EQ(ask(port(), "cached", R"(,"temperature":0.7)").header("x-keygate-cache"), "");
  EXPECT_EQ(ask(port(), "cached", "").header("x-keygate-cache"), "");
  EXPECT_EQ(ask(port(), "uncached", greedy).header("x-keygate-cache"), "");
  EXPECT_EQ(ask(port(), "sampled", R"(,"temperature":0.7)").header("x-keygate-cache"), "miss");
  EXPECT_EQ(ask(port(), "sampled", R"(,"temperature":0.7)").header("x-keygate-cache"), "hit");
  // per_key: another key's entry is its own.
  EXPECT_EQ(ask(port(), "sampled", R"(,"temperature":0.7)", false, "sk-two-0001")
                .header("x-keygate-cache"),
            "miss");
}

TEST_F(ResponseCache, AStreamIsReplayedWellFormedWithTheSameText) {
  auto original =
      ask(port(), "cached", greedy + R"(,"stream_options":{"include_usage":true})", true);
  ASSERT_EQ(original.status, 200) << original.body;
  EXPECT_EQ(original.header("x-keygate-cache"), "miss");
  const long before = upstream_calls();
  auto replay = ask(port(), "cached", greedy + R"(,"stream_options":{"include_usage":true})", true);
  ASSERT_EQ(replay.status, 200);
  EXPECT_EQ(replay.header("x-keygate-cache"), "hit");
  EXPECT_EQ(upstream_calls(), before);
  EXPECT_EQ(replay.header("content-type"), "text/event-stream");
  const auto events = sse_data(replay.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "[DONE]");
  EXPECT_EQ(events.size(), sse_data(original.body).size());
  EXPECT_FALSE(streamed_text(original.body).empty());
  EXPECT_EQ(streamed_text(replay.body), streamed_text(original.body));
  // The usage chunk tells this answer's cost: nothing.
  EXPECT_NE(replay.body.find(R"("cost_usd":0.0)"), std::string::npos) << replay.body;
  EXPECT_EQ(original.body.find(R"("cost_usd":0.0,)"), std::string::npos) << original.body;
}

TEST_F(ResponseCache, FiftyIdenticalRequestsInFlightMakeOneUpstreamCall) {
  const long before = upstream_calls();
  std::vector<std::future<http_reply>> replies;
  for (int i = 0; i < 50; ++i)
    replies.push_back(std::async(
        std::launch::async, [] { return ask(port(), "slow", greedy + R"(,"max_tokens":7)"); }));
  int hits = 0, misses = 0;
  std::string body;
  for (auto& reply : replies) {
    auto r = reply.get();
    ASSERT_EQ(r.status, 200) << r.body;
    if (body.empty()) body = r.body;
    EXPECT_EQ(r.body, body);
    (r.header("x-keygate-cache") == "hit" ? hits : misses)++;
  }
  EXPECT_EQ(misses, 1);
  EXPECT_EQ(hits, 49);
  EXPECT_EQ(upstream_calls() - before, 1);
}

TEST_F(ResponseCache, NoStoreAndOffGoUpstreamAndKeepNothing) {
  const long before = upstream_calls();
  const std::string extra = greedy + R"(,"max_tokens":33)";
  auto bypassed =
      ask(port(), "cached", extra, false, "sk-one-0001", {{"Cache-Control", "no-store"}});
  EXPECT_EQ(bypassed.status, 200);
  EXPECT_EQ(bypassed.header("x-keygate-cache"), "");
  auto off = ask(port(), "cached", extra, false, "sk-one-0001", {{"x-keygate-cache", "off"}});
  EXPECT_EQ(off.header("x-keygate-cache"), "");
  EXPECT_EQ(upstream_calls() - before, 2);
  // Nothing was kept: the first ordinary request misses.
  EXPECT_EQ(ask(port(), "cached", extra).header("x-keygate-cache"), "miss");
  // no-cache fetches anew and keeps the fresh answer.
  EXPECT_EQ(ask(port(), "cached", extra, false, "sk-one-0001", {{"Cache-Control", "no-cache"}})
                .header("x-keygate-cache"),
            "miss");
  EXPECT_EQ(ask(port(), "cached", extra).header("x-keygate-cache"), "hit");
}

TEST_F(ResponseCache, AnEntryExpiresAfterItsTtl) {
  EXPECT_EQ(ask(port(), "brief", greedy).header("x-keygate-cache"), "miss");
  EXPECT_EQ(ask(port(), "brief", greedy).header("x-keygate-cache"), "hit");
  // A one-second lifetime: within a few seconds the same request misses again.
  EXPECT_TRUE(
      eventually([] { return ask(port(), "brief", greedy).header("x-keygate-cache") == "miss"; },
                 std::chrono::milliseconds(5000)));
}

TEST_F(ResponseCache, AHitCostsNothingInTheLedgerAndTheMetrics) {
  const std::string extra = greedy + R"(,"max_tokens":44)";
  auto miss = ask(port(), "cached", extra, false, "sk-ledgered-0001");
  ASSERT_EQ(miss.header("x-keygate-cache"), "miss");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(ask(port(), "cached", extra, false, "sk-ledgered-0001").header("x-keygate-cache"),
              "hit");
  auto spend =
      http_call(port(), "GET", "/admin/spend?group_by=key&key=ledgered", "", bearer(master));
  ASSERT_EQ(spend.status, 200) << spend.body;
  const auto rows = json::parse(spend.body).at("data").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("requests").as_int64(), 4);
  const double cost = std::stod(miss.header("x-keygate-cost-usd"));
  EXPECT_EQ(rows[0].at("cost_nanos").as_int64(), std::llround(cost * 1e9));

  const auto metrics = http_call(port(), "GET", "/metrics").body;
  EXPECT_GE(metric_sum(metrics, "keygate_cache_lookups_total", {{"result", "hit"}}), 3);
  EXPECT_GE(metric_sum(metrics, "keygate_cache_lookups_total", {{"result", "miss"}}), 1);
  EXPECT_GE(metric_sum(metrics, "keygate_cache_saved_usd_total", {{"model", "cached"}}),
            3 * cost * 0.999);
  EXPECT_GT(metric_sum(metrics, "keygate_cache_bytes"), 0);
  EXPECT_GT(metric_sum(metrics, "keygate_cache_hit_bytes_total"), 0);
}

// /admin/spend says what the hits saved, by group and in total, whether it reads the daily tables
// (a key's spend over whole days) or the requests (a key's spend by model); the requests page
// marks a hit and its saving.
TEST_F(ResponseCache, SpendAndTheRequestsPageShowWhatTheCacheSaved) {
  const std::string extra = greedy + R"(,"max_tokens":55)";
  auto miss = ask(port(), "cached", extra, false, "sk-saver-0001");
  ASSERT_EQ(miss.header("x-keygate-cache"), "miss");
  const auto cost = std::llround(std::stod(miss.header("x-keygate-cost-usd")) * 1e9);
  ASSERT_GT(cost, 0);
  std::string hit_id;
  for (int i = 0; i < 2; ++i) {
    auto hit = ask(port(), "cached", extra, false, "sk-saver-0001");
    ASSERT_EQ(hit.header("x-keygate-cache"), "hit");
    EXPECT_EQ(hit.header("x-keygate-saved-usd"), miss.header("x-keygate-cost-usd"));
    hit_id = hit.header("x-request-id");
  }
  for (const std::string query : {"group_by=key&key=saver", "group_by=model&key=saver",
                                  "group_by=day&key=saver", "group_by=end_user&key=saver"}) {
    auto spend = http_call(port(), "GET", "/admin/spend?" + query, "", bearer(master));
    ASSERT_EQ(spend.status, 200) << query << ": " << spend.body;
    const auto body = json::parse(spend.body).as_object();
    const auto& rows = body.at("data").as_array();
    ASSERT_EQ(rows.size(), 1u) << query;
    for (const auto* figures : {&rows[0].as_object(), &body.at("totals").as_object()}) {
      EXPECT_EQ(figures->at("requests").as_int64(), 3) << query;
      EXPECT_EQ(figures->at("cost_nanos").as_int64(), cost) << query;
      EXPECT_EQ(figures->at("cache_hits").as_int64(), 2) << query;
      EXPECT_EQ(figures->at("saved_nanos").as_int64(), 2 * cost) << query;
      EXPECT_NEAR(figures->at("saved_usd").to_number<double>(), 2 * cost / 1e9, 1e-12) << query;
    }
  }
  auto csv = http_call(port(), "GET", "/admin/spend?group_by=key&key=saver&format=csv", "",
                       bearer(master));
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(",cache_hits,saved_usd,saved_nanos\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",2," + format_usd(2 * cost) + "," + std::to_string(2 * cost) + "\r\n"),
            std::string::npos)
      << csv.body;

  auto detail = http_call(port(), "GET", "/admin/requests/" + hit_id, "", bearer(master));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const auto row = json::parse(detail.body).as_object();
  EXPECT_TRUE(row.at("cache_hit").as_bool());
  EXPECT_EQ(row.at("saved_nanos").as_int64(), cost);
  EXPECT_EQ(row.at("cost_nanos").as_int64(), 0);
  auto page = http_call(port(), "GET", "/admin/requests?key=saver", "", bearer(master));
  ASSERT_EQ(page.status, 200);
  int hits = 0;
  const auto listed = json::parse(page.body);
  for (const auto& r : listed.at("data").as_array())
    if (r.at("cache_hit").as_bool()) ++hits;
  EXPECT_EQ(hits, 2);
}

// Two instances with one Redis: an answer one of them got serves the other.
TEST(ResponseCacheShared, TwoInstancesShareHitsThroughRedis) {
  redis_server redis;
  const std::string redis_yaml =
      "redis:\n  host: 127.0.0.1\n  port: " + std::to_string(redis.port()) +
      "\n  timeout_ms: 500\n";
  gateway_fixture a(models(), access_yaml() + redis_yaml);
  gateway_fixture b(models(), access_yaml() + redis_yaml);
  const std::string extra = greedy + R"(,"max_tokens":21)";
  // An answer is written to Redis just after its last bytes reach the client: wait for it there
  // before the other instance asks, or a busy machine lets the second request win the race.
  auto entries_in_redis = [&] {
    const auto listed = redis.cli("--scan --pattern 'kgc:*'");
    std::size_t count = 0;
    for (std::size_t at = listed.find("kgc:"); at != std::string::npos;
         at = listed.find("kgc:", at + 1))
      ++count;
    return count;
  };
  auto first = ask(a.port(), "cached", extra);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-keygate-cache"), "miss");
  ASSERT_TRUE(eventually([&] { return entries_in_redis() == 1; }));
  auto other = ask(b.port(), "cached", extra);
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(other.header("x-keygate-cache"), "hit");
  EXPECT_EQ(other.body, first.body);
  EXPECT_EQ(fake_stat(b, "requests_total"), 0);
  auto streamed = ask(a.port(), "cached", extra, true);
  ASSERT_TRUE(eventually([&] { return entries_in_redis() == 2; }));
  EXPECT_EQ(ask(b.port(), "cached", extra, true).body, streamed.body);
}

}  // namespace
}  // namespace keygate::testing::response_cache_test
