#include "translators/openai/openai_provider.hpp"

#include "gateway/error_response.hpp"
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

task<void> fail(chat_call& call, const openai_error& error,
                std::optional<std::chrono::milliseconds> retry_after = std::nullopt) {
  call.outcome.status = error.status;
  call.outcome.error_code = error.code.value_or(error.type);
  co_await respond_error(call.ex, error, retry_after);
}

task<void> relay_error(chat_call& call, upstream_response& response) {
  std::string body;
  while (body.size() < max_error_body) {
    auto piece = co_await response.read_some();
    if (piece.empty()) break;
    body.append(piece);
  }
  co_await fail(call, openai::error_from_upstream(static_cast<int>(response.status()), body),
                upstream_retry_after(response.headers()));
}

task<void> relay_whole(chat_call& call, upstream_response& response) {
  std::string body;
  if (!co_await response.read_all(body))
    co_return co_await fail(call, transport_error(response.failure(), response.failure_detail()));
  openai::read_usage(body, call.outcome.usage);
  call.outcome.status = 200;
  http_response out{http::status::ok, 11};
  out.set(http::field::content_type, "application/json");
  out.body() = std::move(body);
  co_await call.ex.respond(std::move(out));
}

task<void> relay_stream(chat_call& call, upstream_response& response) {
  http_fields fields;
  fields.set(http::field::content_type, "text/event-stream");
  fields.set(http::field::cache_control, "no-cache");
  call.outcome.status = 200;
  if (!co_await call.ex.begin_stream(http::status::ok, std::move(fields))) {
    call.outcome.client_gone = true;
    response.discard();
    co_return;
  }
  openai::passthrough_stream watcher(call.request.include_usage);
  outgoing_bytes out;
  for (;;) {
    auto piece = co_await response.read_some();
    if (piece.empty()) break;
    watcher.feed(piece, out);
    if (out.empty()) continue;
    if (!co_await call.ex.write_chunk(out.buffers())) {
      call.outcome.client_gone = true;
      call.outcome.usage = watcher.usage();
      response.discard();
      co_return;
    }
    out.clear();
  }
  call.outcome.usage = watcher.usage();
  if (watcher.done()) {
    call.outcome.stream_completed = true;
  } else if (watcher.upstream_error()) {
    call.outcome.error_code = "upstream_error";  // the upstream's own error event went through
  } else {
    // Never a silent success: the client gets an error event and no [DONE].
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
  co_await call.ex.end_stream();
}

bool is_event_stream(const upstream_response& response) {
  auto it = response.headers().find(http::field::content_type);
  return it != response.headers().end() && it->value().starts_with("text/event-stream");
}

}  // namespace

task<void> openai_provider::chat(chat_call& call) const {
  const auto request = build_request(call);
  auto result = co_await call.upstream.send(*call.target.endpoint, request, call.target.timeouts);
  if (!result.response)
    co_return co_await fail(call, transport_error(result.failure, result.detail));

  auto& response = *result.response;
  if (response.status() >= 300) co_return co_await relay_error(call, response);
  if (!call.request.stream) co_return co_await relay_whole(call, response);
  if (!is_event_stream(response)) {
    const openai_error error{502, "The upstream answered a stream request without a stream.",
                             "server_error", std::nullopt, std::string("upstream_protocol_error")};
    co_return co_await fail(call, error);
  }
  co_await relay_stream(call, response);
}

}  // namespace keygate
