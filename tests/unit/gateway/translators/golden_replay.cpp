#include "golden_replay.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gateway/canonical/canonical_request.hpp"
#include "golden_normalize.hpp"

namespace keygate::golden {

namespace json = boost::json;
namespace fs = std::filesystem;

void PrintTo(const golden_case& c, std::ostream* os) {
  *os << c.file << " #" << c.index;
}

std::string case_name(const ::testing::TestParamInfo<golden_case>& info) {
  std::string name = info.param.file + "_" + std::string(info.param.spec.at("name").as_string());
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

std::vector<golden_case> load_cases(const std::string& provider) {
  const fs::path dir = fs::path(KEYGATE_SOURCE_DIR) / "tests/golden" / provider;
  std::vector<golden_case> cases;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto root = json::parse(text.str()).as_object();
    auto& list = root.at("cases").as_array();
    for (std::size_t i = 0; i < list.size(); ++i)
      cases.push_back({path.stem().string(), i, list[i].as_object()});
  }
  return cases;
}

namespace {

// What the translator needs around the client's body: its parsed form and the gateway's view.
// The fixture's deployment with the case's overrides.
deployment target_for(const provider_fixture& p, const json::object& spec) {
  deployment d = p.target;
  auto it = spec.find("deployment");
  if (it == spec.end()) return d;
  const auto& overrides = it->value().as_object();
  if (auto r = overrides.find("reasoning"); r != overrides.end())
    d.reasoning = r->value().as_bool();
  if (auto k = overrides.find("api_key"); k != overrides.end()) d.api_key = k->value().as_string();
  if (auto c = overrides.find("auto_cache"); c != overrides.end())
    d.auto_cache = c->value().as_bool();
  if (auto m = overrides.find("model"); m != overrides.end()) d.model = m->value().as_string();
  return d;
}

struct request_input {
  request_input(const json::object& openai, deployment d)
      : raw(json::serialize(openai)), target(std::move(d)) {
    parsed = json::parse(raw);
    error = parse_chat_request(raw, view);
  }
  translate_input input() const { return {&parsed.as_object(), view, target}; }

  std::string raw;
  json::value parsed;
  canonical_request view;
  deployment target;
  std::optional<openai_error> error;
};

const json::object default_request{
    {"model", "public-model"},
    {"messages", json::array{json::object{{"role", "user"}, {"content", "Hi"}}}}};

const json::object& request_of(const json::object& spec, std::string_view key) {
  auto it = spec.find(key);
  return it == spec.end() ? default_request : it->value().as_object();
}

json::value error_json(const openai_error& e) {
  return json::object{{"status", e.status},
                      {"type", e.type},
                      {"param", e.param ? json::value(*e.param) : json::value(nullptr)},
                      {"code", e.code ? json::value(*e.code) : json::value(nullptr)}};
}

void check_request(const provider_fixture& p, const json::object& spec) {
  request_input req(spec.at("openai").as_object(), target_for(p, spec));
  ASSERT_FALSE(req.error) << req.error->message;
  const translator& translator = p.wire;
  auto built = translator.build(req.input());
  if (spec.contains("error")) {
    ASSERT_TRUE(std::holds_alternative<openai_error>(built)) << "expected a rejection";
    EXPECT_EQ(error_json(std::get<openai_error>(built)), spec.at("error"));
    EXPECT_FALSE(std::get<openai_error>(built).message.empty());
    return;
  }
  ASSERT_TRUE(std::holds_alternative<native_request>(built))
      << std::get<openai_error>(built).to_json();
  const auto& native = std::get<native_request>(built);
  p.check_http(native, req.view);
  EXPECT_EQ(native.http.headers["content-type"], "application/json");
  EXPECT_EQ(json::parse(native.http.body), spec.at("native")) << native.http.body;
  std::vector<std::string> expected_dropped;
  for (const auto& d : spec.at("dropped").as_array()) expected_dropped.emplace_back(d.as_string());
  auto dropped = native.dropped;
  std::sort(dropped.begin(), dropped.end());
  std::sort(expected_dropped.begin(), expected_dropped.end());
  EXPECT_EQ(dropped, expected_dropped);
}

void check_response(const provider_fixture& p, const json::object& spec) {
  request_input req(request_of(spec, "openai_request"), target_for(p, spec));
  const translator& translator = p.wire;
  const std::string body = spec.contains("native")
                               ? json::serialize(spec.at("native"))
                               : std::string(spec.at("native_text").as_string());
  auto parsed = translator.parse(req.input(), body);
  if (spec.contains("error")) {
    ASSERT_TRUE(std::holds_alternative<openai_error>(parsed));
    EXPECT_EQ(error_json(std::get<openai_error>(parsed)), spec.at("error"));
    return;
  }
  ASSERT_TRUE(std::holds_alternative<openai_answer>(parsed))
      << std::get<openai_error>(parsed).to_json();
  const auto& answer = std::get<openai_answer>(parsed);
  EXPECT_EQ(normalized(json::parse(answer.body), p), spec.at("openai")) << answer.body;
  const auto& usage = spec.at("openai").at("usage").as_object();
  EXPECT_TRUE(answer.usage.known);
  EXPECT_EQ(answer.usage.prompt, usage.at("prompt_tokens").as_int64());
  EXPECT_EQ(answer.usage.completion, usage.at("completion_tokens").as_int64());
}

void check_error(const provider_fixture& p, const json::object& spec) {
  const translator& translator = p.wire;
  const std::string body = spec.contains("native")
                               ? json::serialize(spec.at("native"))
                               : std::string(spec.at("native_text").as_string());
  boost::beast::http::fields headers;
  if (auto it = spec.find("native_headers"); it != spec.end())
    for (const auto& [name, value] : it->value().as_object())
      headers.set(name, std::string(value.as_string()));
  auto error = translator.error(static_cast<int>(spec.at("status").as_int64()), body, headers);
  const auto& expected = spec.at("openai").as_object();
  EXPECT_EQ(error.status, expected.at("status").as_int64());
  EXPECT_EQ(json::parse(error.to_json()).at("error"), expected.at("error")) << error.to_json();
  auto retry = translator.retry_after_in_body(body);
  if (auto it = spec.find("retry_after_ms"); it != spec.end()) {
    ASSERT_TRUE(retry.has_value());
    EXPECT_EQ(retry->count(), it->value().as_int64());
  } else {
    EXPECT_FALSE(retry.has_value());
  }
}

struct stream_run {
  std::string sent;
  bool done = false, upstream_error = false, malformed = false;
  token_usage usage;
};

stream_run replay(const provider_fixture& p, const request_input& req, std::string_view bytes,
                  const std::vector<std::size_t>& cuts) {
  const translator& translator = p.wire;
  auto stream = translator.stream(req.input());
  stream_run run;
  std::size_t at = 0;
  auto feed_to = [&](std::size_t end) {
    outgoing_bytes out;
    stream->feed(bytes.substr(at, end - at), out);
    run.sent += flatten(out);
    at = end;
  };
  for (auto cut : cuts) feed_to(cut);
  feed_to(bytes.size());
  run.done = stream->done();
  run.upstream_error = stream->upstream_error();
  run.malformed = stream->malformed();
  run.usage = stream->usage();
  return run;
}

void check_stream_run(const provider_fixture& p, const json::object& spec, const stream_run& run,
                      const std::string& how) {
  SCOPED_TRACE(how);
  EXPECT_EQ(run.malformed, spec.at("malformed").as_bool());
  EXPECT_EQ(run.done, spec.at("done").as_bool());
  EXPECT_EQ(run.upstream_error, spec.at("upstream_error").as_bool());
  if (run.malformed) return;  // what went into `out` is never sent: the gateway reads malformed()
  EXPECT_EQ(json::value(chunks_of(run.sent, p)), spec.at("openai_chunks")) << run.sent;
  if (auto it = spec.find("usage"); it != spec.end()) {
    const auto& usage = it->value().as_object();
    EXPECT_EQ(run.usage.prompt, usage.at("prompt").as_int64());
    EXPECT_EQ(run.usage.completion, usage.at("completion").as_int64());
    EXPECT_EQ(run.usage.cached, usage.at("cached").as_int64());
    if (usage.contains("reasoning")) {
      EXPECT_EQ(run.usage.reasoning, usage.at("reasoning").as_int64());
    }
  }
}

void check_stream(const provider_fixture& p, const json::object& spec) {
  request_input req(request_of(spec, "openai_request"), target_for(p, spec));
  ASSERT_FALSE(req.error) << req.error->message;
  const std::string bytes = p.native_stream(spec);
  check_stream_run(p, spec, replay(p, req, bytes, {}), "whole");
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    check_stream_run(p, spec, replay(p, req, bytes, {cut}), "split at " + std::to_string(cut));
    if (::testing::Test::HasFailure()) return;
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < bytes.size(); ++i) every_byte.push_back(i);
  check_stream_run(p, spec, replay(p, req, bytes, every_byte), "one byte at a time");
}
}  // namespace

void run_case(const provider_fixture& provider, const json::object& spec) {
  const auto kind = spec.at("kind").as_string();
  if (kind == "request") return check_request(provider, spec);
  if (kind == "response") return check_response(provider, spec);
  if (kind == "error") return check_error(provider, spec);
  if (kind == "stream") return check_stream(provider, spec);
  FAIL() << "unknown kind " << kind;
}

}  // namespace keygate::golden
