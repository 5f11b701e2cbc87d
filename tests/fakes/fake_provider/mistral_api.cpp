#include "mistral_api.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "fake_io.hpp"
#include "gateway/translators/mock/hashed_embedding.hpp"
#include "gateway/translators/openai/embedding_list.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "last_request.hpp"
#include "mistral_answer.hpp"
#include "mistral_errors.hpp"
#include "mistral_validation.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_id{1};

// Mistral answers 401 to a missing key and to a wrong one; the fake's wrong key is "bad-key".
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

// The checks every Mistral call starts with; true when an error went out instead.
task<bool> refused(keygate::exchange& ex, const json::value& body, bool parsed,
                   const fault_knobs& knobs,
                   std::optional<mistral_refusal> (*check)(const json::value&)) {
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) {
    ex.abort();
    co_return true;
  }
  std::optional<mistral_refusal> refusal;
  if (unauthorized(ex.request())) {
    co_await send_mistral_error(ex, 401, "", knobs);
    co_return true;
  }
  if (!parsed) {
    refusal = mistral_refusal{422, {}, {}};
    refusal->detail.push_back(
        pydantic_problem("json_invalid", json::array{0}, "JSON decode error"));
  } else {
    refusal = check(body);
  }
  if (refusal && refusal->status == 422) {
    co_await send_mistral_validation_error(ex, std::move(refusal->detail));
    co_return true;
  }
  if (refusal) {
    co_await send_mistral_error(ex, refusal->status, refusal->message, knobs);
    co_return true;
  }
  if (knobs.status >= 400) {
    co_await send_mistral_error(ex, knobs.status, "", knobs);
    co_return true;
  }
  co_return false;
}

}  // namespace

task<void> mistral_chat(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  const auto knobs = read_knobs(ex.request(), model_of(body));
  if (co_await refused(ex, body, !ec, knobs, check_mistral_chat)) co_return;

  set_mistral_ratelimit_headers(ex, false);
  const auto& request = body.get_object();
  const auto answer = plan_mistral_answer(request, n, knobs.tokens);
  if (wants_stream(request)) {
    auto planned = mistral_stream_events(answer);
    if (knobs.malformed) planned.events.front() = "data: {\"id\": broken\n\n";
    keygate::http_fields fields;
    fields.set(http::field::content_type, "text/event-stream; charset=utf-8");
    fields.set(http::field::cache_control, "no-cache");
    co_return co_await send_events(ex, planned.events, planned.first_content, planned.content_count,
                                   knobs, std::move(fields));
  }
  std::string whole = mistral_completion_json(answer);
  if (knobs.malformed) whole = R"({"id":"cmpl-broken","object":"chat.completion","choices":[)";
  co_await send_whole(ex, std::move(whole), knobs);
}

task<void> mistral_embeddings(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  const auto knobs = read_knobs(ex.request(), model_of(body));
  if (co_await refused(ex, body, !ec, knobs, check_mistral_embeddings)) co_return;

  set_mistral_ratelimit_headers(ex, false);
  const auto& request = body.get_object();
  std::size_t dimensions = keygate::default_mock_dimensions;
  if (const auto* d = request.if_contains("output_dimension");
      d && d->is_int64() && d->get_int64() > 0)
    dimensions = static_cast<std::size_t>(d->get_int64());
  const auto* format = request.if_contains("encoding_format");
  const bool base64 = format && format->is_string() && format->get_string() == "base64";
  json::array data;
  std::int64_t words = 0;
  const auto& input = request.at("input");
  for (const auto& seed : keygate::embedding_seeds(input)) {
    words += keygate::openai::count_words(seed);
    auto vector = keygate::hashed_embedding(seed, dimensions);
    json::value embedding = base64 ? json::value(keygate::openai::base64_of_floats(vector))
                                   : json::value(json::array(vector.begin(), vector.end()));
    data.push_back(json::object{
        {"object", "embedding"}, {"embedding", std::move(embedding)}, {"index", data.size()}});
  }
  json::object answer{
      {"id", "embd-fake-" + std::to_string(n)},
      {"object", "list"},
      {"data", std::move(data)},
      {"model", model_of(body)},
      {"usage", {{"prompt_tokens", words}, {"total_tokens", words}, {"completion_tokens", 0}}}};
  std::string whole = json::serialize(answer);
  if (knobs.malformed) whole = R"({"id":"embd-broken","object":"list","data":[)";
  co_await send_whole(ex, std::move(whole), knobs);
}

}  // namespace fake
