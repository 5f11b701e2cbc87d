#include "gateway/translators/mock/mock_provider.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>

#include "gateway/engine/usage_cost_field.hpp"
#include "gateway/translators/mock/hashed_embedding.hpp"
#include "gateway/translators/openai/embedding_list.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate {

namespace {

// Each token is a word with the whitespace before it, so the tokens join back into the reply.
std::vector<std::string_view> split_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t word = text.find_first_not_of(" \n\t", start);
    if (word == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \n\t", word);
    if (end == std::string_view::npos) end = text.size();
    tokens.push_back(text.substr(start, end - start));
    start = end;
  }
  return tokens;
}

std::string reply_for(const deployment& target, const openai::message_summary& summary) {
  if (!target.mock.reply.empty()) return target.mock.reply;
  std::string said = summary.last_user_text.empty() ? "nothing" : summary.last_user_text;
  return "This is keygate's built-in mock model. You said: " + said;
}

// A whole answer's cost header and ledger record, as translated providers give them.
task<void> observe_whole(chat_call& call, const token_usage& usage) {
  if (!call.observer) co_return;
  auto cost = call.observer->cost_text(call.target, usage);
  if (!cost.empty()) call.ex.extra_headers().set("x-keygate-cost-usd", cost);
  co_await call.observer->before_last_bytes(call.target, call.outcome);
}

task<void> stream_reply(chat_call& call, const openai::response_meta& meta,
                        const std::vector<std::string_view>& tokens, std::string_view finish,
                        const token_usage& usage) {
  const bool usage_null = call.request.include_usage;
  http_fields fields;
  fields.set(http::field::content_type, "text/event-stream");
  fields.set(http::field::cache_control, "no-cache");
  auto& ex = call.ex;
  bool ok = co_await ex.begin_stream(http::status::ok, std::move(fields));
  ok = ok && co_await ex.write_chunk(openai::role_chunk_event(meta, usage_null));
  net::steady_timer delay(ex.executor());
  for (auto token : tokens) {
    if (!ok) break;
    if (call.target.mock.token_delay.count() > 0) {
      const outside_wait waiting(ex, true);  // the pretend model's time, as an upstream's would be
      delay.expires_after(call.target.mock.token_delay);
      co_await delay.async_wait(use_nothrow);
    }
    ok = co_await ex.write_chunk(openai::content_chunk_event(meta, token, usage_null));
  }
  ok = ok && co_await ex.write_chunk(openai::finish_chunk_event(meta, finish, usage_null));
  if (ok && call.request.include_usage) {
    outgoing_bytes out;
    out.emit(openai::usage_chunk_event(meta, usage));
    if (call.observer)
      if (auto spot = find_usage_object(out)) {
        auto cost = call.observer->cost_text(call.target, usage);
        if (!cost.empty()) add_cost_to_usage(out, *spot, cost);
      }
    ok = co_await ex.write_chunk(out.buffers());
  }
  if (ok && call.observer) {
    call.outcome.stream_completed = true;
    co_await call.observer->before_last_bytes(call.target, call.outcome);
  }
  ok = ok && co_await ex.write_chunk(openai::done_event);
  ok = ok && co_await ex.end_stream();
  call.outcome.client_gone = !ok;
  call.outcome.stream_completed = ok;
}

}  // namespace

task<attempt_result> mock_provider::chat(chat_call& call) const {
  const auto summary = openai::summarize_messages(call.ex.request().body());
  const std::string reply = reply_for(call.target, summary);
  auto tokens = split_tokens(reply);
  std::string_view finish = "stop";
  if (call.request.max_tokens &&
      static_cast<std::size_t>(*call.request.max_tokens) < tokens.size()) {
    tokens.resize(static_cast<std::size_t>(*call.request.max_tokens));
    finish = "length";
  }
  token_usage usage{summary.word_count, static_cast<std::int64_t>(tokens.size()), 0, 0, 0, true};
  call.outcome.usage = usage;
  call.outcome.status = 200;
  const openai::response_meta meta{openai::new_completion_id(), openai::unix_now(),
                                   call.target.model};
  const attempt_result answered{true, true, std::nullopt, {}};
  if (call.request.stream) {
    co_await stream_reply(call, meta, tokens, finish, usage);
    co_return answered;
  }
  std::string content;
  for (auto token : tokens) content.append(token);
  co_await observe_whole(call, usage);
  co_await call.ex.respond(http::status::ok, openai::completion_json(meta, content, finish, usage));
  co_return answered;
}

task<attempt_result> mock_provider::embed(chat_call& call) const {
  if (!call.embeddings) co_return embeddings_unsupported(call.target);
  const auto& view = *call.embeddings;
  constexpr std::int64_t most = 4096;
  const auto dimensions =
      static_cast<std::size_t>(std::min(view.dimensions.value_or(default_mock_dimensions), most));
  const auto body = boost::json::parse(view.common.body);
  std::vector<std::vector<float>> vectors;
  for (const auto& seed : embedding_seeds(body.as_object().at("input")))
    vectors.push_back(hashed_embedding(seed, dimensions));
  call.outcome.usage = token_usage{view.word_count, 0, 0, 0, 0, true};
  call.outcome.status = 200;
  std::string answer =
      openai::embedding_list_json(vectors, call.target.model, view.encoding, view.word_count);
  co_await observe_whole(call, call.outcome.usage);
  co_await call.ex.respond(http::status::ok, std::move(answer));
  co_return attempt_result{true, true, std::nullopt, {}};
}

}  // namespace keygate
