#include "translators/openai/openai_provider.hpp"

#include "gateway/outgoing_bytes.hpp"
#include "gateway/upstream_error.hpp"
#include "translators/openai/openai_error_body.hpp"
#include "translators/openai/passthrough_body.hpp"
#include "translators/openai/passthrough_stream.hpp"
#include "translators/openai/usage_parser.hpp"

namespace keygate {

namespace {

constexpr std::size_t max_error_body = std::size_t{64} * 1024;

upstream_request build_request(const chat_call& call) {
  const auto& target = call.target;
  upstream_request req;
  req.target = target.endpoint->base_path + "/chat/completions";
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept,
                  call.request.stream ? "text/event-stream" : "application/json");
  if (!target.api_key.empty())
    req.headers.set(http::field::authorization, "Bearer " + target.api_key);
  req.body = openai::passthrough_body(call.request, target.model);
  return req;
}

using clock = std::chrono::steady_clock;

attempt_result failed(openai_error error, failure_kind kind,
                      std::optional<std::chrono::milliseconds> retry_after = std::nullopt) {
  const bool upstream_ok = kind != failure_kind::retryable && kind != failure_kind::deployment_fault;
  return {false, upstream_ok, attempt_failure{std::move(error), kind, retry_after}, {}};
}

attempt_result transport_failed(upstream_failure failure, const std::string& detail) {
  return failed(transport_error(failure, detail), failure_kind::retryable);
}

attempt_result invalid_response(std::string_view what) {
  return failed({502, "The upstream sent " + std::string(what) + ".", "server_error", std::nullopt,
                 std::string("upstream_invalid_response")},
                failure_kind::retryable);
}

std::chrono::microseconds since(clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start);
}

task<attempt_result> relay_error(upstream_response& response) {
  std::string body;
  while (body.size() < max_error_body) {
    auto piece = co_await response.read_some();
    if (piece.empty()) break;
    body.append(piece);
  }
  const int status = static_cast<int>(response.status());
  auto error = openai::error_from_upstream(status, body);
  const auto kind = classify_upstream_error(status, error);
  co_return failed(std::move(error), kind, upstream_retry_after(response.headers()));
}

task<attempt_result> relay_whole(chat_call& call, upstream_response& response,
                                 clock::time_point start) {
  std::string body;
  if (!co_await response.read_all(body))
    co_return transport_failed(response.failure(), response.failure_detail());
  if (!openai::read_usage(body, call.outcome.usage))
    co_return invalid_response("a response that is not a chat completion");
  attempt_result result{true, true, std::nullopt, since(start)};
  call.outcome.status = 200;
  http_response out{http::status::ok, 11};
  out.set(http::field::content_type, "application/json");
  out.body() = std::move(body);
  co_await call.ex.respond(std::move(out));
  co_return result;
}

// Ends a stream that broke after it started: an error event and no [DONE], never a fake success.
task<void> end_broken_stream(chat_call& call, const upstream_response& response) {
  openai_error error =
      response.failure() != upstream_failure::none
          ? transport_error(response.failure(), response.failure_detail())
          : openai_error{502, "The upstream stream ended before its end signal.", "server_error",
                         std::nullopt, std::string("upstream_stream_truncated")};
  if (response.failure() == upstream_failure::connection_lost)
    error.code = "upstream_stream_truncated";
  call.outcome.error_code = *error.code;
  co_await call.ex.write_chunk(error.to_sse_event());
}

task<attempt_result> relay_stream(chat_call& call, upstream_response& response,
                                  clock::time_point start) {
  openai::passthrough_stream watcher(call.request.include_usage);
  outgoing_bytes out;
  // Nothing goes to the client before the first whole event: until then a failure can still be
  // retried elsewhere, and a malformed stream is caught.
  while (out.empty() && !watcher.done()) {
    auto piece = co_await response.read_some();
    if (piece.empty()) co_return transport_failed(response.failure(), response.failure_detail());
    watcher.feed(piece, out);
  }
  if (watcher.malformed()) co_return invalid_response("a stream whose events are not JSON");
  attempt_result result{true, true, std::nullopt, since(start)};

  http_fields fields;
  fields.set(http::field::content_type, "text/event-stream");
  fields.set(http::field::cache_control, "no-cache");
  call.outcome.status = 200;
  bool client_there = co_await call.ex.begin_stream(http::status::ok, std::move(fields));
  while (client_there) {
    if (!out.empty()) {
      client_there = co_await call.ex.write_chunk(out.buffers());
      out.clear();
      call.outcome.usage = watcher.usage();
      if (!client_there) break;
    }
    auto piece = co_await response.read_some();
    if (piece.empty()) break;
    watcher.feed(piece, out);
  }
  call.outcome.usage = watcher.usage();
  if (!client_there) {
    call.outcome.client_gone = true;
    response.discard();
    co_return result;
  }
  if (watcher.done()) {
    call.outcome.stream_completed = true;
  } else if (watcher.upstream_error()) {
    call.outcome.error_code = "upstream_error";  // the upstream's own error event went through
    result.upstream_ok = false;
  } else {
    result.upstream_ok = false;
    co_await end_broken_stream(call, response);
  }
  co_await call.ex.end_stream();
  co_return result;
}

bool is_event_stream(const upstream_response& response) {
  auto it = response.headers().find(http::field::content_type);
  return it != response.headers().end() && it->value().starts_with("text/event-stream");
}

}  // namespace

task<attempt_result> openai_provider::chat(chat_call& call) const {
  const auto start = clock::now();
  const auto request = build_request(call);
  auto sent = co_await call.upstream.send(*call.target.endpoint, request, call.timeouts);
  if (!sent.response) co_return transport_failed(sent.failure, sent.detail);

  auto& response = *sent.response;
  if (response.status() >= 300) co_return co_await relay_error(response);
  if (!call.request.stream) co_return co_await relay_whole(call, response, start);
  if (!is_event_stream(response))
    co_return invalid_response("a whole answer to a stream request");
  co_return co_await relay_stream(call, response, start);
}

}  // namespace keygate
