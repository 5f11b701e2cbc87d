#include "openai_api.hpp"

#include <atomic>
#include <boost/json/parse.hpp>

#include "azure_filters.hpp"
#include "fake_io.hpp"
#include "fault_knobs.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "gateway/translators/openai/openai_wire.hpp"
#include "last_request.hpp"
#include "openai_answer.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
using keygate::task;
namespace openai = keygate::openai;

namespace {

std::atomic<std::uint64_t> next_id{1};

keygate::openai_error error_for_status(int status) {
  keygate::openai_error e{status, "Fake provider error " + std::to_string(status) + ".",
                          std::string(keygate::error_type_for_status(status)), std::nullopt,
                          std::nullopt};
  if (status == 401) {
    e.message = "Incorrect API key provided.";
    e.code = "invalid_api_key";
  } else if (status == 404) {
    e.message = "The model does not exist or you do not have access to it.";
    e.code = "model_not_found";
  } else if (status == 429) {
    e.message = "Rate limit reached for requests.";
    e.type = "requests";
    e.code = "rate_limit_exceeded";
  } else if (status >= 500) {
    e.message = "The server had an error while processing your request.";
  }
  return e;
}

task<void> stream_answer(keygate::exchange& ex, const openai_answer& answer, bool include_usage,
                         const fault_knobs& knobs, bool content_filters) {
  auto planned = openai_stream_events(answer, include_usage);
  auto& events = planned.events;
  if (content_filters) {
    events.insert(events.begin(), prompt_filter_event());
    ++planned.first_content;
  }
  if (knobs.malformed) events.front() = "data: {\"id\": broken\n\n";

  keygate::http_fields fields;
  fields.set(http::field::content_type, "text/event-stream; charset=utf-8");
  fields.set(http::field::cache_control, "no-cache");
  co_await send_events(ex, events, planned.first_content, planned.content_count, knobs,
                       std::move(fields));
}

// OpenAI quotes the key it refused, its middle masked when it is long.
std::string unauthorized_message(const keygate::http_request& req) {
  auto it = req.find(http::field::authorization);
  if (it == req.end() || !it->value().starts_with("Bearer "))
    return "You didn't provide an API key. You need to provide your API key in an Authorization "
           "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
  std::string key(it->value().substr(7));
  if (key.size() > 12)
    key = key.substr(0, 8) + std::string(key.size() - 12, '*') + key.substr(key.size() - 4);
  return "Incorrect API key provided: " + key +
         ". You can find your API key at https://platform.openai.com/account/api-keys.";
}

}  // namespace

task<void> send_openai_error(keygate::exchange& ex, int status, const fault_knobs& knobs) {
  if (status == 429) {
    auto& h = ex.extra_headers();
    h.set("x-ratelimit-limit-requests", "60");
    h.set("x-ratelimit-remaining-requests", "0");
    h.set("x-ratelimit-reset-requests", std::to_string(knobs.retry_after.value_or(1)) + "s");
    h.set("x-ratelimit-limit-tokens", "150000");
    h.set("x-ratelimit-remaining-tokens", "149000");
    h.set("x-ratelimit-reset-tokens", "6m0s");
  }
  if (knobs.retry_after) ex.extra_headers().set("retry-after", std::to_string(*knobs.retry_after));
  auto error = error_for_status(status);
  if (status == 401) error.message = unauthorized_message(ex.request());
  co_await ex.respond(static_cast<http::status>(status), error.to_json());
}

// OpenAI answers 401 to a missing key and to a wrong one; the fake's wrong keys are "bad-key" and
// any key starting with "bad-key-".
bool openai_unauthorized(const keygate::http_request& req) {
  auto it = req.find(http::field::authorization);
  return it == req.end() || !it->value().starts_with("Bearer ") ||
         it->value() == "Bearer bad-key" || it->value().starts_with("Bearer bad-key-");
}

std::string token_text(int i) {
  return (i == 0 ? "tok" : " tok") + std::to_string(i);
}

task<void> openai_chat(keygate::exchange& ex) {
  const openai_flavor openai_itself;
  co_await openai_chat(ex, openai_itself);
}

task<void> openai_chat(keygate::exchange& ex, const openai_flavor& flavor) {
  remember_request(ex.request().body());
  keygate::canonical_request request;
  if (auto error = keygate::parse_chat_request(ex.request().body(), request))
    co_return co_await keygate::respond_error(ex, *error);
  const std::string model = flavor.model.value_or(request.model);
  const auto knobs = read_knobs(ex.request(), model);
  const error_sender send_error = flavor.send_error ? flavor.send_error : send_openai_error;
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  if (flavor.check_bearer_key && openai_unauthorized(ex.request()))
    co_return co_await send_error(ex, 401, knobs);
  if (knobs.status >= 400) co_return co_await send_error(ex, knobs.status, knobs);

  const auto summary = openai::summarize_messages(ex.request().body());
  openai::response_meta meta{"chatcmpl-fake-" + std::to_string(next_id++), openai::unix_now(),
                             model};
  boost::system::error_code ec;
  const auto parsed = parse_request_json(ex.request().body(), ec);
  if (ec || !parsed.is_object())
    co_return co_await keygate::respond_error(
        ex, keygate::invalid_request("We could not parse the JSON body of your request."));
  const auto answer = plan_openai_answer(parsed.as_object(), std::move(meta), knobs.tokens,
                                         request.max_tokens, summary.word_count);
  if (request.stream)
    co_return co_await stream_answer(ex, answer, request.include_usage, knobs,
                                     flavor.content_filters);

  std::string body = openai_completion_json(answer);
  if (flavor.content_filters) body = with_content_filters(body);
  if (knobs.malformed) body = R"({"id":"chatcmpl-broken","choices":[)";
  ex.extra_headers().set("openai-processing-ms", "1");
  co_await send_whole(ex, std::move(body), knobs);
}

task<void> openai_models(keygate::exchange& ex) {
  const fault_knobs none;
  if (openai_unauthorized(ex.request())) co_return co_await send_openai_error(ex, 401, none);
  co_await ex.respond(
      http::status::ok,
      R"({"object":"list","data":[{"id":"fake-gpt","object":"model","created":1715367049,)"
      R"("owned_by":"system"},{"id":"fake-gpt-mini","object":"model","created":1715367049,)"
      R"("owned_by":"system"}]})");
}

}  // namespace fake
