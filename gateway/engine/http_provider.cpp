#include "gateway/engine/http_provider.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "gateway/base/secret_scrub.hpp"
#include "gateway/engine/strict_params.hpp"
#include "gateway/engine/upstream_error.hpp"

namespace keygate {

namespace {

using clock = std::chrono::steady_clock;
constexpr std::size_t max_error_body = std::size_t{64} * 1024;

attempt_result failed(openai_error error, failure_kind kind,
                      std::optional<std::chrono::milliseconds> retry_after = std::nullopt) {
  const bool upstream_ok =
      kind != failure_kind::retryable && kind != failure_kind::deployment_fault;
  return {false, upstream_ok, attempt_failure{std::move(error), kind, retry_after}, {}};
}

attempt_result transport_failed(upstream_failure failure, const std::string& detail) {
  return failed(transport_error(failure, detail), failure_kind::retryable);
}

attempt_result invalid_response(std::string_view what) {
  return failed(invalid_upstream_answer(what), failure_kind::retryable);
}

std::chrono::microseconds since(clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start);
}

void note_dropped(attempt_call& call, const std::vector<std::string>& dropped) {
  if (dropped.empty()) return;
  std::string list;
  for (const auto& name : dropped) list += (list.empty() ? "" : ", ") + name;
  call.answer.note_header("x-keygate-dropped-params", list);
}

class attempt {
 public:
  attempt(attempt_call& call, const translator& wire, const translate_input& in,
          const embeddings_input* embeddings = nullptr, answer_form form = answer_form::canonical)
      : call_(call), wire_(wire), in_(in), embeddings_(embeddings), form_(form) {}

  task<attempt_result> relay_error(upstream_response& response) {
    std::string body;
    while (body.size() < max_error_body) {
      std::string_view piece;
      {
        outside_wait waiting(call_.waits, true);
        piece = co_await response.read_some();
      }
      if (piece.empty()) break;
      body.append(piece);
    }
    const int status = static_cast<int>(response.status());
    auto error = wire_.error(status, body, response.headers());
    error.message = scrub_secrets(error.message);
    const auto kind = classify_upstream_error(status, error);
    auto retry_after = upstream_retry_after(response.headers());
    if (!retry_after) retry_after = wire_.retry_after_in_body(body);
    co_return failed(std::move(error), kind, retry_after);
  }

  task<attempt_result> relay_whole(upstream_response& response) {
    std::string body;
    bool whole = false;
    {
      outside_wait waiting(call_.waits, true);
      whole = co_await response.read_all(body);
    }
    if (!whole) co_return transport_failed(response.failure(), response.failure_detail());
    auto parsed = embeddings_ ? wire_.parse_embeddings(*embeddings_, std::move(body))
                              : wire_.parse(in_, std::move(body));
    if (auto* error = std::get_if<openai_error>(&parsed))
      co_return failed(*error, failure_kind::retryable);
    auto& answer = std::get<openai_answer>(parsed);
    const attempt_result result{true, true, std::nullopt, since(start_)};
    co_await call_.answer.whole(call_.target, std::move(answer.body), answer.usage, form_);
    co_return result;
  }

  task<attempt_result> relay_stream(upstream_response& response) {
    auto decoder = wire_.stream(in_);
    outgoing_bytes out;
    // Nothing goes to the client before the first whole event: until then a failure can still be
    // retried elsewhere, and a stream in another protocol is caught.
    while (out.empty() && !decoder->done()) {
      std::string_view piece;
      {
        outside_wait waiting(call_.waits, true);
        piece = co_await response.read_some();
      }
      if (piece.empty()) co_return transport_failed(response.failure(), response.failure_detail());
      feed(*decoder, piece, out);
    }
    if (decoder->malformed()) co_return invalid_response("a stream this gateway cannot read");
    // The result is made at the end from these two: a whole attempt_result here would sit in
    // this frame, which a stream holds for its whole life.
    const auto first_byte = since(start_);
    bool upstream_ok = true;

    bool client_there = co_await call_.answer.begin_stream(call_.target, form_);
    while (client_there) {
      if (!out.empty()) {
        client_there = co_await call_.answer.stream(out, decoder->usage(), decoder->done());
        if (!client_there) break;
      }
      if (decoder->done() && response.complete()) break;
      std::string_view piece;
      {
        outside_wait waiting(call_.waits, true);
        piece = co_await response.read_some();
      }
      if (piece.empty()) break;
      feed(*decoder, piece, out);
    }
    if (!client_there) {
      response.discard();
      co_return attempt_result{true, true, std::nullopt, first_byte};
    }
    stream_ending ending;
    if (wire_.raw_stream()) {
      // Raw bytes (speech) end with the upstream's body: whole when it came to its end.
      if (!response.complete() || response.failure() != upstream_failure::none) {
        upstream_ok = false;
        ending.error_event = broken_stream_error(response);
      }
    } else if (decoder->upstream_error() && !decoder->done()) {
      ending.error_code = "upstream_error";  // its error event already went out
      upstream_ok = false;
    } else if (!decoder->done()) {
      upstream_ok = false;
      ending.error_event = broken_stream_error(response);
    }
    co_await call_.answer.end_stream(ending);
    co_return attempt_result{true, upstream_ok, std::nullopt, first_byte};
  }

  clock::time_point start_ = clock::now();

 private:
  std::string scrub_secrets(std::string text) const {
    for (const auto* secret : {&call_.target.api_key, &call_.target.aws.secret_access_key,
                               &call_.target.aws.session_token})
      text = scrub_secret(text, *secret);
    return text;
  }

  // An upstream error event may quote the key too. It is the last event a decoder puts out, so
  // the bytes from its "error" key on are scrubbed; the rare path pays for one copy.
  void feed(stream_translator& decoder, std::string_view piece, outgoing_bytes& out) const {
    const bool failed_before = decoder.upstream_error();
    decoder.feed(piece, out);
    if (failed_before || !decoder.upstream_error()) return;
    std::string text;
    for (const auto& b : out.buffers()) text.append(static_cast<const char*>(b.data()), b.size());
    const auto at = text.rfind("\"error\"");
    if (at == std::string::npos) return;
    auto scrubbed = text.substr(0, at) + scrub_secrets(text.substr(at));
    out.clear();
    out.emit(std::move(scrubbed));
  }

  // A stream that broke after it started: an error event and no end signal, never a fake
  // success.
  static openai_error broken_stream_error(const upstream_response& response) {
    openai_error error =
        response.failure() != upstream_failure::none
            ? transport_error(response.failure(), response.failure_detail())
            : openai_error{502, "The upstream stream ended before its end signal.", "server_error",
                           std::nullopt, std::string("upstream_stream_truncated")};
    if (response.failure() == upstream_failure::connection_lost)
      error.code = "upstream_stream_truncated";
    return error;
  }

  attempt_call& call_;
  const translator& wire_;
  const translate_input& in_;
  const embeddings_input* embeddings_;
  answer_form form_;
};

bool is_event_stream(const upstream_response& response) {
  auto it = response.headers().find(boost::beast::http::field::content_type);
  if (it == response.headers().end()) return false;
  auto type = it->value();
  return type.starts_with("text/event-stream") || type.starts_with("application/x-ndjson") ||
         type.starts_with("application/vnd.amazon.eventstream");
}

// The task that relays an answer: its error, its stream or its whole body. A plain function that
// picks one, so that send_built awaits a single call (GCC 12 miscompiles a conditional operator
// inside a co_await: the chosen task's frame was resumed after it was destroyed).
task<attempt_result> relay(attempt& run, upstream_response& response, bool refused, bool stream) {
  if (refused) return run.relay_error(response);
  if (stream) return run.relay_stream(response);
  return run.relay_whole(response);
}

// What is refused before anything is sent; on the heap, since it is rare and a coroutine keeps
// every local in its frame.
std::unique_ptr<attempt_result> refuse_before_sending(
    attempt_call& call, std::variant<native_request, openai_error>& built) {
  if (auto* error = std::get_if<openai_error>(&built))
    return std::make_unique<attempt_result>(failed(*error, failure_kind::client_error));
  auto& native = std::get<native_request>(built);
  if (auto refusal = strict_refusal(call.target, native.dropped))
    return std::make_unique<attempt_result>(
        failed(std::move(*refusal), failure_kind::client_error));
  note_dropped(call, native.dropped);
  return nullptr;
}

// A deployment whose credential is fetched (a token endpoint): puts it on the request and keeps
// what went on it in `credential`, or returns the refusal.
task<std::unique_ptr<attempt_result>> authorize(attempt_call& call, upstream_request& request,
                                                const upstream_credentials& credentials,
                                                std::string& credential) {
  outside_wait waiting(call.waits, true);  // a token endpoint's time, not keygate's
  auto granted = co_await credentials.authorize(call, request);
  if (granted.refusal)
    co_return std::make_unique<attempt_result>(
        failed(std::move(*granted.refusal), failure_kind::deployment_fault));
  credential = std::move(granted.credential);
  co_return nullptr;
}

// Sends a built request and relays the answer: the part chat and embeddings share. A stream
// holds this frame for its whole life: its locals are kept few and small (docs/coroutines.md).
task<attempt_result> send_built(attempt_call& call, attempt& run, const translator& wire,
                                std::variant<native_request, openai_error>& built,
                                const upstream_credentials* credentials) {
  if (auto refused = refuse_before_sending(call, built)) co_return std::move(*refused);
  auto& native = std::get<native_request>(built);
  std::string credential;
  if (credentials)
    if (auto refused = co_await authorize(call, native.http, *credentials, credential))
      co_return std::move(*refused);

  upstream_result sent;
  {
    outside_wait waiting(call.waits, true);
    sent = co_await call.upstream.send(*call.target.endpoint, native.http, call.timeouts);
  }
  if (!sent.response) co_return transport_failed(sent.failure, sent.detail);
  // Sent: a stream can hold this frame for minutes, so the upstream body (the whole prompt) goes.
  native.http = upstream_request{};
  auto& response = *sent.response;
  const bool refused = response.status() >= 300;
  if (!refused && call.request.stream && !is_event_stream(response) && !wire.raw_stream())
    co_return invalid_response("a whole answer to a stream request");
  // One co_await for the three ways on: each co_await's result is a temporary in the frame.
  attempt_result result = co_await relay(run, response, refused, call.request.stream);
  // The refused credential is dropped and the next attempt fetches a new one: worth a retry,
  // not a bench at once as a wrong key would be.
  if (refused && credentials && response.status() == 401 && result.failure) {
    result.failure->error =
        credentials->refused(call.target, credential, std::move(result.failure->error));
    result.failure->kind = failure_kind::retryable;
  }
  co_return result;
}

// The client's JSON as a tree, for translators that rebuild the request.

// False when the body nests deeper than keygate parses (it was validated before). The tree goes
// into `arena`: its nodes cost a pointer bump each and are freed together, with no walk of the
// tree, when the attempt ends.
bool parse_if_wanted(const translator& wire, std::string_view body, boost::json::value& parsed,
                     boost::json::monotonic_resource& arena) {
  if (!wire.wants_parsed_body()) return true;
  boost::json::parse_options options;
  options.max_depth = max_request_json_depth;
  boost::system::error_code ec;
  parsed = boost::json::parse(body, ec, &arena, options);
  return !ec;
}

// A request's tree takes about twice its text; the first block holds a usual request whole.
std::size_t arena_size_for(std::string_view body) {
  return std::max<std::size_t>(1024, 2 * body.size());
}

attempt_result too_deep() {
  return failed(invalid_request("The request body nests JSON deeper than " +
                                    std::to_string(max_request_json_depth) + " levels.",
                                {}, std::string("invalid_json")),
                failure_kind::client_error);
}

// Images at URLs downloaded into the request, for a provider that takes only bytes; within the
// attempt's time, which the downloads then spend part of.
task<std::unique_ptr<attempt_result>> inline_images(attempt_call& call,
                                                    boost::json::object& request) {
  const auto started = clock::now();
  std::optional<openai_error> refused;
  {
    outside_wait waiting(call.waits);  // the image hosts' time, not keygate's
    refused = co_await call.images->inline_urls(request, started + call.timeouts.total);
  }
  if (refused)
    co_return std::make_unique<attempt_result>(
        failed(std::move(*refused), failure_kind::client_error));
  const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
  call.timeouts.total = std::max(call.timeouts.total - spent, std::chrono::milliseconds(1));
  co_return nullptr;
}

}  // namespace

task<attempt_result> http_provider::chat(attempt_call& call) const {
  // A provider that speaks the client's own dialect takes the client's request as it is, and its
  // answer goes back untouched (docs/front-doors.md); else the canonical request is translated.
  const translator* native =
      call.client ? wire_.native_for(call.client->dialect, call.target) : nullptr;
  if (!native && call.client && !has_canonical_form(call.client->dialect))
    co_return endpoint_unsupported(call.target, call.client->dialect);
  const translator& wire = native ? *native : wire_;
  // This attempt's own copy of the request: downloaded images go into it, and the next attempt
  // (maybe at a provider that takes URLs) starts again from the client's bytes.
  boost::json::monotonic_resource arena(arena_size_for(call.request.body));  // outlives `parsed`
  boost::json::value parsed;
  if (!parse_if_wanted(wire, call.request.body, parsed, arena)) co_return too_deep();
  if (wire.needs_image_bytes() && call.images && parsed.is_object())
    if (auto refused = co_await inline_images(call, parsed.as_object()))
      co_return std::move(*refused);
  const translate_input in{parsed.is_object() ? &parsed.as_object() : nullptr, call.request,
                           call.target, call.client};
  attempt run(call, wire, in, nullptr, native ? answer_form::native : answer_form::canonical);
  auto built = wire.build(in);
  // What the door's reading left out of the client's request is dropped here too: a native
  // attempt sent all of it, a translated one did not.
  if (auto* request = std::get_if<native_request>(&built); request && !native && call.client)
    request->dropped.insert(request->dropped.begin(), call.client->dropped.begin(),
                            call.client->dropped.end());
  co_return co_await send_built(call, run, wire, built, credentials_);
}

task<attempt_result> http_provider::embed(attempt_call& call) const {
  if (!call.embeddings) co_return embeddings_unsupported(call.target);
  boost::json::monotonic_resource arena(arena_size_for(call.request.body));  // outlives `parsed`
  boost::json::value parsed;
  if (!parse_if_wanted(wire_, call.request.body, parsed, arena)) co_return too_deep();
  const auto* body = parsed.is_object() ? &parsed.as_object() : nullptr;
  const translate_input in{body, call.request, call.target};
  const embeddings_input embeddings{body, *call.embeddings, call.target};
  attempt run(call, wire_, in, &embeddings);
  auto built = wire_.build_embeddings(embeddings);
  co_return co_await send_built(call, run, wire_, built, credentials_);
}

}  // namespace keygate
