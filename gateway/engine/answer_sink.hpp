// Where an attempt's answer goes. Providers produce answers, whole or as stream events in the
// canonical (OpenAI) shape; the sink is the one component that writes them to the client
// (gateway/pipeline/answer_writer), with their cost, with their ledger record before their last
// bytes, and with the stream's framing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/net.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/base/usage.hpp"

namespace keygate {

struct deployment;

// What an answer is written in: the canonical OpenAI shapes, or the client's own dialect, which a
// deployment that speaks it natively sent (docs/front-doors.md).
enum class answer_form { canonical, native };

// How an answer went, for the ledger, the metrics and the access log. Kept up to date while the
// answer goes out, so it holds even when the client leaves and the attempt is cancelled.
struct answer_outcome {
  int status = 0;
  token_usage usage;
  std::string error_code;         // empty on success
  bool stream_completed = false;  // a stream reached its end signal
  bool client_gone = false;
};

// How a stream that started ends.
struct stream_ending {
  // The stream broke (cut, timed out, unreadable): this goes out as its last event, and no end
  // signal, so the client never mistakes a cut answer for a whole one.
  std::optional<openai_error> error_event;
  // Set when the upstream's own error event already went out among the stream's events.
  std::string_view error_code;
};

class answer_sink {
 public:
  // A header for the answer, whatever it turns out to be (x-keygate-dropped-params, ...); an
  // empty value takes back what an earlier attempt noted.
  virtual void note_header(std::string_view name, std::string_view value) = 0;
  // A whole answer: an OpenAI chat.completion or embeddings list, or a native answer.
  virtual task<void> whole(const deployment& target, std::string body, const token_usage& usage,
                           answer_form form = answer_form::canonical) = 0;
  // The stream's head. False when the client is gone.
  virtual task<bool> begin_stream(const deployment& target,
                                  answer_form form = answer_form::canonical) = 0;
  // Whole SSE events, forwarded as they are but for the cost added to the usage chunk. `usage` is
  // the stream's so far; `last`: the upstream's end signal is among them. Consumes the events.
  // False when the client is gone.
  virtual task<bool> stream(outgoing_bytes& events, const token_usage& usage, bool last) = 0;
  virtual task<void> end_stream(const stream_ending& how) = 0;

  const answer_outcome& outcome() const { return outcome_; }

 protected:
  ~answer_sink() = default;
  answer_outcome outcome_;
};

}  // namespace keygate
