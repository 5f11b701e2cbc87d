// Where an attempt's answer goes. Providers produce answers, whole or as stream events in the
// canonical (OpenAI) shape; the sink is the one component that writes them to the client
// (gateway/pipeline/answer_writer), with their cost, with their ledger record before their last
// bytes, and with the stream's framing.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/net.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/base/usage.hpp"

namespace keygate {

struct deployment;

// What an answer is written in: the canonical OpenAI shapes, or the client's own dialect, which a
// deployment that speaks it natively sent (docs/front-doors.md).
enum class answer_form { canonical, native };

// One try of a request on one deployment, for the ledger's attempt_log (docs/admin-api.md).
struct attempt_try {
  std::string deployment;
  std::string group;  // the model group the deployment belongs to (another one: a fallback)
  int status = 0;     // 0 while it runs, or when it is the one that answered
  std::string error;  // the failure's code; empty when none
  std::chrono::steady_clock::time_point started;
  std::optional<double> ms;  // how long it took, once it ended
};

// How an answer went, for the ledger, the metrics and the access log. Kept up to date while the
// answer goes out, so it holds even when the client leaves and the attempt is cancelled.
struct answer_outcome {
  int status = 0;
  token_usage usage;
  std::string error_code;         // empty on success
  bool stream_completed = false;  // a stream reached its end signal
  bool client_gone = false;
  std::vector<attempt_try> tries;  // in order; the last one still open is the one answering
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

  // The attempt loop's tries, kept with the outcome so a record written before the answer's last
  // bytes already has them.
  void begin_try(std::string_view deployment, std::string_view group) {
    outcome_.tries.push_back({std::string(deployment), std::string(group), 0, std::string(),
                              std::chrono::steady_clock::now(), std::nullopt});
  }
  void end_try(int status, std::string_view error) {
    if (outcome_.tries.empty()) return;
    auto& last = outcome_.tries.back();
    last.status = status;
    last.error = error;
    last.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - last.started)
            .count();
  }

 protected:
  ~answer_sink() = default;
  answer_outcome outcome_;
};

}  // namespace keygate
