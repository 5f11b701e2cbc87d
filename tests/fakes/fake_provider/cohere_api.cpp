#include "cohere_api.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>

#include "cohere_answer.hpp"
#include "cohere_errors.hpp"
#include "cohere_validation.hpp"
#include "fake_io.hpp"
#include "gateway/translators/mock/hashed_embedding.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "last_request.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_id{1};

// Cohere answers 401 to a missing key and to a wrong one; the fake's wrong key is "bad-key".
bool unauthorized(const keygate::http_request& req) {
  auto it = req.find(http::field::authorization);
  return it == req.end() || !it->value().starts_with("Bearer ") || it->value() == "Bearer bad-key";
}

std::string model_of(const json::value& body) {
  const auto* model = body.is_object() ? body.get_object().if_contains("model") : nullptr;
  return model && model->is_string() ? std::string(model->get_string()) : std::string();
}

bool wants_stream(const json::object& request) {
  const auto* stream = request.if_contains("stream");
  return stream && stream->is_bool() && stream->get_bool();
}

// The checks every Cohere call starts with; true when an error went out instead.
task<bool> refused(keygate::exchange& ex, const json::value& body, bool parsed,
                   const fault_knobs& knobs,
                   std::optional<std::string> (*check)(const json::value&)) {
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) {
    ex.abort();
    co_return true;
  }
  if (unauthorized(ex.request())) {
    co_await send_cohere_error(ex, 401, "", knobs);
    co_return true;
  }
  auto problem = parsed ? check(body) : std::optional<std::string>("invalid request: invalid JSON");
  if (problem) {
    co_await send_cohere_error(ex, 400, std::move(*problem), knobs);
    co_return true;
  }
  if (knobs.status >= 400) {
    co_await send_cohere_error(ex, knobs.status, "", knobs);
    co_return true;
  }
  co_return false;
}

}  // namespace

task<void> cohere_chat(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  const auto knobs = read_knobs(ex.request(), model_of(body));
  if (co_await refused(ex, body, !ec, knobs, check_cohere_chat)) co_return;

  const auto& request = body.get_object();
  const auto answer = plan_cohere_answer(request, n, knobs.tokens);
  if (wants_stream(request)) {
    auto planned = cohere_stream_events(answer);
    if (knobs.malformed) planned.events.front() = "event: message-start\ndata: {\"id\": broken\n\n";
    keygate::http_fields fields;
    fields.set(http::field::content_type, "text/event-stream");
    fields.set(http::field::cache_control, "no-cache");
    co_return co_await send_events(ex, planned.events, planned.first_content, planned.content_count,
                                   knobs, std::move(fields));
  }
  std::string whole = cohere_response_json(answer);
  if (knobs.malformed) whole = R"({"id":"broken","finish_reason":"COMPLETE","message":{)";
  co_await send_whole(ex, std::move(whole), knobs);
}

task<void> cohere_embed(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  const auto knobs = read_knobs(ex.request(), model_of(body));
  if (co_await refused(ex, body, !ec, knobs, check_cohere_embed)) co_return;

  const auto& request = body.get_object();
  std::size_t dimensions = keygate::default_mock_dimensions;
  if (const auto* d = request.if_contains("output_dimension");
      d && d->is_int64() && d->get_int64() > 0)
    dimensions = static_cast<std::size_t>(d->get_int64());
  json::array vectors;
  std::int64_t words = 0;
  const auto& texts = request.at("texts");
  for (const auto& seed : keygate::embedding_seeds(texts)) {
    words += keygate::openai::count_words(seed);
    const auto vector = keygate::hashed_embedding(seed, dimensions);
    vectors.push_back(json::array(vector.begin(), vector.end()));
  }
  const json::object answer{
      {"id", "c0be2e00-embed-" + std::to_string(n)},
      {"response_type", "embeddings_by_type"},
      {"embeddings", {{"float", std::move(vectors)}}},
      {"texts", texts},
      {"meta", {{"api_version", {{"version", "2"}}}, {"billed_units", {{"input_tokens", words}}}}}};
  std::string whole = json::serialize(answer);
  if (knobs.malformed) whole = R"({"id":"broken","embeddings":{"float":[)";
  co_await send_whole(ex, std::move(whole), knobs);
}

}  // namespace fake
