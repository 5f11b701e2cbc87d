#include "gateway/pipeline/answer_writer.hpp"

#include "gateway/accounting/cost.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/pipeline/usage_cost_field.hpp"

namespace keygate {

void answer_writer::note_header(std::string_view name, std::string_view value) {
  if (value.empty())
    ex_.extra_headers().erase(name);
  else
    ex_.extra_headers().set(name, value);
}

task<void> answer_writer::before_last_bytes(std::string_view native_answer) {
  if (accounted_ || !target_) co_return;
  accounted_ = true;
  door_.answered(native_answer);
  co_await accounting_.before_last_bytes(*target_, outcome_);
}

task<void> answer_writer::whole(const deployment& target, std::string body,
                                const token_usage& usage, answer_form form) {
  target_ = &target;
  form_ = form;
  if (auto* encode = encoder()) {
    auto encoded = encode->whole(body, usage);
    if (auto* error = std::get_if<openai_error>(&encoded)) {
      co_await refuse(*error);
      co_return;
    }
    body = std::move(std::get<std::string>(encoded));
  }
  outcome_.status = 200;
  outcome_.usage = usage;
  if (capture_) capture_->append(body);
  const auto cost = accounting_.cost_text(target, usage);
  if (!cost.empty()) ex_.extra_headers().set("x-keygate-cost-usd", cost);
  if (auto saved = accounting_.prompt_cache_saved_nanos())
    ex_.extra_headers().set("x-keygate-prompt-cache-saved-usd", format_usd(*saved));
  co_await before_last_bytes(form == answer_form::native ? std::string_view(body)
                                                         : std::string_view());
  co_await ex_.respond(http::status::ok, std::move(body), door_.answer_content_type());
}

task<bool> answer_writer::begin_stream(const deployment& target, answer_form form) {
  target_ = &target;
  form_ = form;
  outcome_.status = 200;
  const bool client_there = co_await ex_.begin_stream(http::status::ok, door_.stream_head());
  if (!client_there) outcome_.client_gone = true;
  co_return client_there;
}

task<bool> answer_writer::stream(outgoing_bytes& events, const token_usage& usage, bool last) {
  outcome_.usage = usage;
  outgoing_bytes* out = &events;
  if (auto* encode = encoder()) {
    encode->stream(events, usage, encoded_);
    events.clear();
    out = &encoded_;
  } else if (form_ == answer_form::native) {
    door_.watch_native(events);
  }
  if (capture_) capture_->append(*out);
  if (out == &events && form_ != answer_form::native && request_.include_usage && !cost_added_) {
    if (auto spot = find_usage_object(events)) {
      cost_added_ = true;
      const auto cost = accounting_.cost_text(*target_, usage);
      if (!cost.empty()) add_cost_to_usage(events, *spot, cost);
    }
  }
  if (last) {
    outcome_.stream_completed = true;
    co_await before_last_bytes();
  }
  bool client_there = true;
  if (!out->empty()) client_there = co_await ex_.write_chunk(out->buffers());
  out->clear();
  events.clear();
  if (!client_there) outcome_.client_gone = true;
  co_return client_there;
}

task<void> answer_writer::end_stream(const stream_ending& how) {
  if (how.error_event && door_.raw_stream()) {
    // Cut audio: the client sees the connection close before the stream's last chunk.
    const openai_error& error = *how.error_event;
    outcome_.error_code = error.code ? *error.code : error.type;
    ex_.close_connection();
    co_return;
  }
  if (how.error_event) {
    const openai_error& error = *how.error_event;
    outcome_.error_code = error.code ? *error.code : error.type;
    auto* encode = encoder();
    const std::string event =
        encode ? encode->stream_error(error) : door_.stream_error_event(error);
    co_await ex_.write_chunk(event);
  } else if (!how.error_code.empty()) {
    outcome_.error_code = std::string(how.error_code);
  } else {
    // Ended well without its end signal among the events: the record still goes before the end.
    outcome_.stream_completed = true;
    co_await before_last_bytes();
  }
  if (!co_await ex_.end_stream()) outcome_.client_gone = true;
}

task<void> answer_writer::refuse(const openai_error& error,
                                 std::optional<std::chrono::milliseconds> retry_after) {
  outcome_.status = error.status;
  outcome_.error_code = error.code.value_or(error.type);
  co_await respond_error_body(ex_, error.status, door_.error_body(error), retry_after);
}

task<void> answer_writer::fail_inside() {
  outcome_.status = 500;
  outcome_.error_code = "internal_error";
  if (ex_.responded()) {
    ex_.close_connection();
    co_return;
  }
  const openai_error error{500,
                           "The gateway failed to handle the request.",
                           "server_error",
                           {},
                           std::string("internal_error")};
  co_await refuse(error);
}

task<void> answer_writer::replay(const cached_answer& answer) {
  outcome_.status = 200;
  outcome_.usage = answer.usage;
  outcome_.stream_completed = answer.stream;
  ex_.extra_headers().set("x-keygate-cost-usd", "0.0");
  if (answer.cost_nanos)
    ex_.extra_headers().set("x-keygate-saved-usd", format_usd(*answer.cost_nanos));
  co_await accounting_.before_last_bytes_cached(outcome_, answer.cost_nanos);
  if (!answer.stream) {
    std::string body = answer.body;
    co_await ex_.respond(http::status::ok, std::move(body), answer.content_type);
    co_return;
  }
  static constexpr std::string_view event_stream =
      "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n";
  if (!co_await ex_.begin_stream(http::status::ok, event_stream)) {
    outcome_.client_gone = true;
    co_return;
  }
  outgoing_bytes events;
  events.forward(answer.body);
  if (request_.include_usage)
    if (auto spot = find_usage_object(events)) add_cost_to_usage(events, *spot, "0.0");
  bool client_there = co_await ex_.write_chunk(events.buffers());
  if (client_there) client_there = co_await ex_.end_stream();
  if (!client_there) outcome_.client_gone = true;
}

void answer_writer::client_left() {
  outcome_.client_gone = true;
  ex_.abandon();
}

}  // namespace keygate
