// The endpoints beyond chat through the real keygate binary and the fake provider: legacy
// completions, rerank, image generation, speech, transcription and translation. Each goes to the
// providers that speak it with only the model changed, is refused with a 400 elsewhere, and is
// billed in its own unit in the ledger.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "metrics_text.hpp"
#include "standard_models.hpp"
#include "tests/support/eventually.hpp"

namespace keygate::testing::endpoints_test {
namespace {

namespace json = boost::json;

std::string cohere_entry(const std::string& name, const std::string& upstream_model) {
  return "  - name: " + name + "\n    provider: cohere\n    model: \"" + upstream_model +
         "\"\n    api_base: FAKE_ROOT/cohere/v2\n    api_key: test-key\n";
}

std::string models() {
  return model_entry("instruct", "gpt-3.5-turbo-instruct") + model_entry("dall-e-3", "dall-e-3") +
         model_entry("tts-1", "tts-1") + model_entry("tts-cut", "tts-1@reset=mid_stream") +
         model_entry("whisper-1", "whisper-1") + cohere_entry("rerank", "rerank-v3.5") +
         "  - name: jina-rerank\n    provider: openai_compatible\n    model: jina-reranker-v2\n"
         "    api_base: FAKE\n    api_key: test-key\n"
         "  - name: mock-gpt\n    provider: mock\n"
         "  - name: images-retry\n    strategy: priority\n    retries: 1\n    deployments:\n"
         "      - name: broken\n        priority: 0\n        provider: openai\n"
         "        model: \"dall-e-3@status=500\"\n        api_base: FAKE\n        api_key: "
         "test-key\n"
         "      - name: working\n        priority: 1\n        provider: openai\n"
         "        model: dall-e-3\n        api_base: FAKE\n        api_key: test-key\n";
}

// A mono 16-bit WAV of `samples` silent samples at 16 kHz.
std::string wav(std::uint32_t samples) {
  auto le = [](std::uint32_t value, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
    return out;
  };
  const std::uint32_t data = samples * 2;
  return "RIFF" + le(36 + data, 4) + "WAVEfmt " + le(16, 4) + le(1, 2) + le(1, 2) + le(16000, 4) +
         le(32000, 4) + le(2, 2) + le(16, 2) + "data" + le(data, 4) + std::string(data, '\0');
}

const std::string boundary = "----keygate-test-boundary";

// Appended piece by piece: GCC 12 warns, wrongly, on a chain of + over these literals.
std::string form_field(const std::string& name, const std::string& value) {
  std::string out = "--";
  out += boundary;
  out += "\r\nContent-Disposition: form-data; name=\"";
  out += name;
  out += "\"\r\n\r\n";
  out += value;
  out += "\r\n";
  return out;
}

std::string form_file(const std::string& filename, const std::string& bytes) {
  std::string out = "--";
  out += boundary;
  out += "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"";
  out += filename;
  out += "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  out += bytes;
  out += "\r\n";
  return out;
}

std::string form_end() {
  std::string out = "--";
  out += boundary;
  out += "--\r\n";
  return out;
}

std::map<std::string, std::string> form_headers() {
  std::string type = "multipart/form-data; boundary=";
  type += boundary;
  return {{"content-type", type}};
}

struct ledger_row {
  std::string endpoint, unit_kind, error_code;
  double units = -1;
  std::int64_t cost_nanos = -1;  // -1: NULL
  int status = 0;
};

// The ledger's row for a request, read from the file as any reader would.
std::optional<ledger_row> ledger_row_of(const std::string& path, const std::string& request_id) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(
      db,
      "SELECT endpoint, unit_kind, units, cost_nanos, status, error_code FROM requests "
      "WHERE request_id = ?1",
      -1, &s, nullptr);
  sqlite3_bind_text(s, 1, request_id.c_str(), -1, SQLITE_TRANSIENT);
  std::optional<ledger_row> row;
  if (s && sqlite3_step(s) == SQLITE_ROW) {
    row.emplace();
    row->endpoint = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    row->unit_kind = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    row->units = sqlite3_column_double(s, 2);
    row->cost_nanos = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 3);
    row->status = sqlite3_column_int(s, 4);
    row->error_code = reinterpret_cast<const char*>(sqlite3_column_text(s, 5));
  }
  sqlite3_finalize(s);
  sqlite3_close_v2(db);
  return row;
}

class Endpoints : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(models(),
                              "  limits:\n    max_upload_bytes: 200000\n"
                              "router:\n  backoff_base_ms: 1\n  backoff_max_ms: 5\n");
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply post(const std::string& path, const std::string& body) {
    return post_json(env->port(), path, body);
  }
  static http_reply upload(const std::string& path, const std::string& body) {
    return http_call(env->port(), "POST", path, body, form_headers());
  }
  static json::object last_native_request() {
    return json::parse(http_call(env->fake.port(), "GET", "/fake/last-request").body).as_object();
  }
  static ledger_row row_of(const http_reply& reply) {
    const std::string path = env->dir.path() + "/keygate-ledger.db";
    std::optional<ledger_row> row;
    EXPECT_TRUE(eventually(
        [&] { return (row = ledger_row_of(path, reply.header("x-request-id"))).has_value(); }));
    return row.value_or(ledger_row{});
  }
};
gateway_fixture* Endpoints::env = nullptr;

std::string error_code(const http_reply& reply) {
  auto error = json::parse(reply.body).at("error").as_object();
  return error.at("code").is_string() ? std::string(error.at("code").as_string()) : "";
}

TEST_F(Endpoints, LegacyCompletionGoesUpWithOnlyTheModelChangedAndIsBilledInTokens) {
  auto reply = post("/v1/completions",
                    R"({"model":"instruct","prompt":"Say hi","max_tokens":3,"echo":false})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto answer = json::parse(reply.body).as_object();
  EXPECT_EQ(answer.at("object").as_string(), "text_completion");
  EXPECT_EQ(answer.at("choices").at(0).at("finish_reason").as_string(), "length");
  EXPECT_EQ(answer.at("usage").at("completion_tokens").as_int64(), 3);
  auto native = last_native_request();
  EXPECT_EQ(native.at("model").as_string(), "gpt-3.5-turbo-instruct");
  EXPECT_FALSE(native.at("echo").as_bool());  // a field keygate does not know travels as it is
  EXPECT_FALSE(reply.header("x-keygate-cost-usd").empty());
  const auto row = row_of(reply);
  EXPECT_EQ(row.endpoint, "completions");
  EXPECT_EQ(row.unit_kind, "");
  // gpt-3.5-turbo-instruct: $1.5 in, $2 out a million tokens; 3 completion tokens are 6000 nano.
  EXPECT_GT(row.cost_nanos, 6000);
}

TEST_F(Endpoints, LegacyCompletionStreamsAndEndsWithDone) {
  auto reply = post("/v1/completions",
                    R"({"model":"instruct","prompt":"Say hi","max_tokens":2,"stream":true,)"
                    R"("stream_options":{"include_usage":true}})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type").substr(0, 17), "text/event-stream");
  const auto events = sse_data(reply.body);
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back(), "[DONE]");
  auto usage = json::parse(events[events.size() - 2]).as_object();
  EXPECT_EQ(usage.at("usage").at("completion_tokens").as_int64(), 2);
  EXPECT_EQ(json::parse(events[0]).at("object").as_string(), "text_completion");
}

TEST_F(Endpoints, LegacyCompletionStreamHidesTheUsageChunkTheClientDidNotAskFor) {
  auto reply = post("/v1/completions",
                    R"({"model":"instruct","prompt":"Say hi","max_tokens":2,"stream":true})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  for (const auto& event : sse_data(reply.body))
    EXPECT_EQ(event.find("\"usage\""), std::string::npos) << event;
  // keygate asked for it on the client's behalf, and billed from it.
  EXPECT_TRUE(last_native_request().at("stream_options").at("include_usage").as_bool());
  EXPECT_GT(row_of(reply).cost_nanos, 0);
}

TEST_F(Endpoints, AProviderWithoutTheEndpointAnswersAClear400) {
  auto reply = post("/v1/completions", R"({"model":"mock-gpt","prompt":"x"})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_code(reply), "unsupported_operation");
  EXPECT_NE(reply.body.find("/v1/completions"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("mock-gpt"), std::string::npos) << reply.body;
  auto rerank = post("/v1/rerank", R"({"model":"instruct","query":"q","documents":["a"]})");
  EXPECT_EQ(rerank.status, 400);  // OpenAI has no rerank
}

TEST_F(Endpoints, LegacyCompletionWithoutPromptIs400) {
  auto reply = post("/v1/completions", R"({"model":"instruct"})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_code(reply), "missing_required_parameter");
}

TEST_F(Endpoints, RerankAnswersInCohereShapeAndIsBilledInSearchUnits) {
  auto reply =
      post("/v1/rerank", R"({"model":"rerank","query":"capital of france","top_n":1,)"
                         R"("return_documents":true,"documents":["Berlin is big","Paris is the )"
                         R"(capital of France"]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto answer = json::parse(reply.body).as_object();
  const auto& results = answer.at("results").as_array();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].at("index").as_int64(), 1);
  EXPECT_EQ(results[0].at("document").at("text").as_string(), "Paris is the capital of France");
  EXPECT_EQ(answer.at("meta").at("billed_units").at("search_units").as_int64(), 1);
  EXPECT_EQ(last_native_request().at("model").as_string(), "rerank-v3.5");
  EXPECT_EQ(reply.header("x-keygate-cost-usd"), "0.002");
  const auto row = row_of(reply);
  EXPECT_EQ(row.endpoint, "rerank");
  EXPECT_EQ(row.unit_kind, "search_unit");
  EXPECT_EQ(row.units, 1.0);
  EXPECT_EQ(row.cost_nanos, 2'000'000);  // $2 a thousand searches
}

TEST_F(Endpoints, RerankReachesCohereCompatibleServersAndCohereSdkPath) {
  auto reply = post("/v2/rerank", R"({"model":"jina-rerank","query":"q","documents":["a","b"]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body).at("results").as_array().size(), 2u);
  EXPECT_EQ(last_native_request().at("model").as_string(), "jina-reranker-v2");
}

TEST_F(Endpoints, RerankWithoutQueryOrDocumentsIs400) {
  auto no_query = post("/v1/rerank", R"({"model":"rerank","documents":["a"]})");
  EXPECT_EQ(no_query.status, 400);
  EXPECT_NE(no_query.body.find("query"), std::string::npos);
  auto no_documents = post("/v1/rerank", R"({"model":"rerank","query":"q","documents":[]})");
  EXPECT_EQ(no_documents.status, 400);
}

TEST_F(Endpoints, ImagesComeAsBase64OrUrlsAndAreBilledPerImage) {
  auto inline_images =
      post("/v1/images/generations", R"({"model":"dall-e-3","prompt":"a cat","n":2,)"
                                     R"("response_format":"b64_json"})");
  ASSERT_EQ(inline_images.status, 200) << inline_images.body;
  const auto answer = json::parse(inline_images.body);
  const auto& data = answer.at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_FALSE(data[0].at("b64_json").as_string().empty());
  EXPECT_EQ(inline_images.header("x-keygate-cost-usd"), "0.08");
  const auto row = row_of(inline_images);
  EXPECT_EQ(row.endpoint, "images.generations");
  EXPECT_EQ(row.unit_kind, "image");
  EXPECT_EQ(row.units, 2.0);
  EXPECT_EQ(row.cost_nanos, 80'000'000);

  auto linked = post("/v1/images/generations", R"({"model":"dall-e-3","prompt":"a cat"})");
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_NE(json::parse(linked.body).at("data").at(0).at("url").as_string().find("http"),
            std::string::npos);
}

TEST_F(Endpoints, UnitsAreCountedInTheMetrics) {
  auto units = [] {
    return metric_sum(http_call(env->port(), "GET", "/metrics").body, "keygate_units_total",
                      {{"unit", "image"}, {"deployment", "dall-e-3"}});
  };
  const double before = std::max(units(), 0.0);
  ASSERT_EQ(post("/v1/images/generations", R"({"model":"dall-e-3","prompt":"p","n":3})").status,
            200);
  EXPECT_TRUE(eventually([&] { return units() == before + 3; })) << units();
  const auto exposition = http_call(env->port(), "GET", "/metrics").body;
  EXPECT_GE(metric_sum(exposition, "keygate_requests_total",
                       {{"route", "images.generations"}, {"status_class", "2xx"}}),
            1);
}

TEST_F(Endpoints, ImagesRetryOnAnotherDeploymentLikeChat) {
  auto reply = post("/v1/images/generations", R"({"model":"images-retry","prompt":"a cat"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-deployment"), "working");
  EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
}

TEST_F(Endpoints, SpeechStreamsTheAudioAndIsBilledPerCharacter) {
  auto reply =
      post("/v1/audio/speech", R"({"model":"tts-1","input":"Hello there","voice":"alloy"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type"), "audio/mpeg");
  EXPECT_EQ(reply.header("transfer-encoding"), "chunked");
  EXPECT_EQ(reply.body.size(), 10u + 64u * 11u);  // the fake's bytes for 11 characters
  EXPECT_EQ(reply.body.substr(0, 3), "ID3");
  const auto row = row_of(reply);
  EXPECT_EQ(row.unit_kind, "character");
  EXPECT_EQ(row.units, 11.0);
  EXPECT_EQ(row.cost_nanos, 165'000);  // $15 a million characters
}

TEST_F(Endpoints, SpeechCutByTheUpstreamIsCutForTheClientToo) {
  const std::string text(200, 'a');  // 12 810 bytes of audio: four chunks, cut after two
  auto reply =
      post("/v1/audio/speech", R"({"model":"tts-cut","voice":"alloy","input":")" + text + R"("})");
  EXPECT_EQ(reply.status, 200);
  EXPECT_LT(reply.body.size(), 10u + 64u * 200u);  // never a whole-looking file
  const auto row = row_of(reply);
  EXPECT_EQ(row.error_code, "upstream_stream_truncated");
}

TEST_F(Endpoints, SpeechWithoutVoiceIs400) {
  auto reply = post("/v1/audio/speech", R"({"model":"tts-1","input":"Hello"})");
  EXPECT_EQ(reply.status, 400);
}

TEST_F(Endpoints, TranscriptionUploadsTheFileWithTheModelChangedAndBillsItsSeconds) {
  const std::string audio = wav(24000);  // 1.5 s
  auto reply = upload("/v1/audio/transcriptions",
                      form_file("hello.wav", audio) + form_field("model", "whisper-1") +
                          form_field("response_format", "verbose_json") + form_end());
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto answer = json::parse(reply.body).as_object();
  EXPECT_EQ(answer.at("duration").as_double(), 1.5);
  auto native = last_native_request();
  EXPECT_EQ(native.at("model").as_string(), "whisper-1");
  EXPECT_EQ(native.at("file_bytes").as_int64(), static_cast<std::int64_t>(audio.size()));
  const auto row = row_of(reply);
  EXPECT_EQ(row.endpoint, "audio.transcriptions");
  EXPECT_EQ(row.unit_kind, "audio_second");
  EXPECT_EQ(row.units, 1.5);
  EXPECT_EQ(row.cost_nanos, 150'000);  // $0.006 a minute
}

TEST_F(Endpoints, TranslationAsTextComesBackAsPlainText) {
  auto reply = upload("/v1/audio/translations",
                      form_field("model", "whisper-1") + form_field("response_format", "text") +
                          form_file("hello.wav", wav(16000)) + form_end());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type").substr(0, 10), "text/plain");
  EXPECT_EQ(reply.body, "Hello from the fake translation.\n");
  EXPECT_EQ(row_of(reply).units, 1.0);  // from the WAV header: the text answer has no duration
}

TEST_F(Endpoints, AMultipartBodyWithoutAFileIs400) {
  auto reply = upload("/v1/audio/transcriptions", form_field("model", "whisper-1") + form_end());
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_code(reply), "missing_required_parameter");
  EXPECT_NE(reply.body.find("file"), std::string::npos);
}

TEST_F(Endpoints, AnUnsupportedAudioTypeIs400) {
  auto reply =
      upload("/v1/audio/transcriptions",
             form_file("notes.txt", "hello") + form_field("model", "whisper-1") + form_end());
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_code(reply), "unsupported_file_type");
}

TEST_F(Endpoints, ABodyThatIsNotMultipartIs400) {
  auto reply = post("/v1/audio/transcriptions", R"({"model":"whisper-1"})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(error_code(reply), "invalid_content_type");
}

TEST_F(Endpoints, AnOversizedUploadIs413BeforeItsBodyIsRead) {
  // Only the head is sent: the answer comes from Content-Length alone.
  const std::string head =
      "POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
      "boundary=b\r\nContent-Length: 200001\r\n\r\n";
  const auto answer = raw_exchange(env->port(), head, std::chrono::milliseconds(2000));
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 413") << answer;
  // The upload limit is the audio routes' own: chat keeps max_body_bytes.
  auto chat_reply =
      post("/v1/chat/completions", std::string(R"({"model":"mock-gpt","messages":[)") +
                                       R"({"role":"user","content":")" + std::string(250000, 'a') +
                                       R"("}]})");
  EXPECT_EQ(chat_reply.status, 200);
}

// Keys, budgets and the unpriced guard hold for the unit-billed endpoints as for chat.
class EndpointsWithKeys : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(
        model_entry("dall-e-3", "dall-e-3") + model_entry("whisper-unpriced", "whisper-x"),
        "auth:\n  master_key: sk-master-000000000001\n  keys:\n"
        "    - {id: budgeted, key: sk-budgeted-0001, budget: {usd: 0.05}}\n"
        "    - {id: open, key: sk-open-0001}\n");
  }
  static void TearDownTestSuite() { delete env; }
  static gateway_fixture* env;

  static http_reply images(const std::string& secret, int n) {
    return http_call(env->port(), "POST", "/v1/images/generations",
                     R"({"model":"dall-e-3","prompt":"a cat","n":)" + std::to_string(n) + "}",
                     bearer(secret));
  }
};
gateway_fixture* EndpointsWithKeys::env = nullptr;

TEST_F(EndpointsWithKeys, AKeyIsNeeded) {
  auto reply =
      post_json(env->port(), "/v1/images/generations", R"({"model":"dall-e-3","prompt":"a cat"})");
  EXPECT_EQ(reply.status, 401);
  auto upload = http_call(env->port(), "POST", "/v1/audio/transcriptions",
                          form_field("model", "whisper-unpriced") + form_end(), form_headers());
  EXPECT_EQ(upload.status, 401);
}

TEST_F(EndpointsWithKeys, ImagesSpendTheBudgetUntilItIsGone) {
  // $0.05: two images ($0.08) are admitted while nothing is spent, then the budget is gone.
  auto first = images("sk-budgeted-0001", 2);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-keygate-cost-usd"), "0.08");
  auto refused = images("sk-budgeted-0001", 1);
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(error_code(refused), "budget_exceeded");
  EXPECT_EQ(images("sk-open-0001", 1).status, 200);
}

TEST_F(EndpointsWithKeys, AnUnpricedTranscriptionIsRefusedToABudgetedKey) {
  const std::string body =
      form_file("a.wav", wav(1600)) + form_field("model", "whisper-unpriced") + form_end();
  auto headers = form_headers();
  headers["authorization"] = "Bearer sk-budgeted-0001";
  auto refused = http_call(env->port(), "POST", "/v1/audio/transcriptions", body, headers);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(error_code(refused), "model_unpriced");
  headers["authorization"] = "Bearer sk-open-0001";
  EXPECT_EQ(http_call(env->port(), "POST", "/v1/audio/transcriptions", body, headers).status, 200);
}

}  // namespace
}  // namespace keygate::testing::endpoints_test
