#include "gateway/translators/mock/mock_provider.hpp"

#include <simdjson.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>

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

task<void> stream_reply(attempt_call& call, const openai::response_meta& meta,
                        const std::vector<std::string_view>& tokens, std::string_view finish,
                        const token_usage& usage) {
  const bool usage_null = call.request.include_usage;
  auto& answer = call.answer;
  outgoing_bytes events;
  bool ok = co_await answer.begin_stream(call.target);
  token_usage so_far = usage;
  so_far.completion = 0;
  events.emit(openai::role_chunk_event(meta, usage_null));
  ok = ok && co_await answer.stream(events, so_far, false);
  net::steady_timer delay(call.executor);
  for (auto token : tokens) {
    if (!ok) break;
    if (call.target.mock.token_delay.count() > 0) {
      const outside_wait waiting(call.waits, true);  // the pretend model's time, as an upstream's
      delay.expires_after(call.target.mock.token_delay);
      co_await delay.async_wait(use_nothrow);
    }
    ++so_far.completion;
    events.emit(openai::content_chunk_event(meta, token, usage_null));
    ok = co_await answer.stream(events, so_far, false);
  }
  if (!ok) co_return;
  events.emit(openai::finish_chunk_event(meta, finish, usage_null));
  if (call.request.include_usage) events.emit(openai::usage_chunk_event(meta, usage));
  events.forward(openai::done_event);
  if (!co_await answer.stream(events, usage, true)) co_return;
  const stream_ending ended;  // named: see docs/coroutines.md
  co_await answer.end_stream(ended);
}

}  // namespace

task<attempt_result> mock_provider::chat(attempt_call& call) const {
  if (call.client && !has_canonical_form(call.client->dialect))
    co_return endpoint_unsupported(call.target, call.client->dialect);
  // A copy with room for the JSON parser's padding: the request's view does not carry any.
  std::string body(call.request.body);
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  const auto summary = openai::summarize_messages(body);
  const std::string reply = reply_for(call.target, summary);
  auto tokens = split_tokens(reply);
  std::string_view finish = "stop";
  if (call.request.max_tokens &&
      static_cast<std::size_t>(*call.request.max_tokens) < tokens.size()) {
    tokens.resize(static_cast<std::size_t>(*call.request.max_tokens));
    finish = "length";
  }
  const token_usage usage{
      summary.word_count, static_cast<std::int64_t>(tokens.size()), 0, 0, 0, true};
  const openai::response_meta meta{openai::new_completion_id(), openai::unix_now(),
                                   call.target.model};
  const attempt_result answered{true, true, std::nullopt, {}};
  if (call.request.stream) {
    co_await stream_reply(call, meta, tokens, finish, usage);
    co_return answered;
  }
  std::string content;
  for (auto token : tokens) content.append(token);
  co_await call.answer.whole(call.target, openai::completion_json(meta, content, finish, usage),
                             usage);
  co_return answered;
}

task<attempt_result> mock_provider::embed(attempt_call& call) const {
  if (!call.embeddings) co_return embeddings_unsupported(call.target);
  const auto& view = *call.embeddings;
  constexpr std::int64_t most = 4096;
  const auto dimensions =
      static_cast<std::size_t>(std::min(view.dimensions.value_or(default_mock_dimensions), most));
  const auto body = boost::json::parse(view.common.body);
  std::vector<std::vector<float>> vectors;
  for (const auto& seed : embedding_seeds(body.as_object().at("input")))
    vectors.push_back(hashed_embedding(seed, dimensions));
  const token_usage usage{view.word_count, 0, 0, 0, 0, true};
  co_await call.answer.whole(
      call.target,
      openai::embedding_list_json(vectors, call.target.model, view.encoding, view.word_count),
      usage);
  co_return attempt_result{true, true, std::nullopt, {}};
}

}  // namespace keygate
