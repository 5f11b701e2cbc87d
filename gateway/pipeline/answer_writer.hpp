// The one component that writes a model request's answer to the client: whole answers, streams
// and refusals, in the dialect of the request's front door. It prices the answer
// (x-keygate-cost-usd, or cost_usd in the stream's usage chunk on the OpenAI door), has the
// request's accounting settle its limits and write its ledger record durably before the answer's
// last bytes, and keeps the outcome that the records are made from.
#pragma once

#include <chrono>
#include <optional>

#include "gateway/canonical/canonical_request.hpp"
#include "gateway/engine/answer_sink.hpp"
#include "gateway/http/exchange.hpp"
#include "gateway/pipeline/answer_capture.hpp"
#include "gateway/pipeline/front_door.hpp"
#include "gateway/pipeline/request_accounting.hpp"

namespace keygate {

class answer_writer final : public answer_sink {
 public:
  answer_writer(exchange& ex, request_accounting& accounting, const canonical_request& request,
                front_door& door)
      : ex_(ex), accounting_(accounting), request_(request), door_(door) {}

  void note_header(std::string_view name, std::string_view value) override;
  task<void> whole(const deployment& target, std::string body, const token_usage& usage,
                   answer_form form) override;
  task<bool> begin_stream(const deployment& target, answer_form form) override;
  task<bool> stream(outgoing_bytes& events, const token_usage& usage, bool last) override;
  task<void> end_stream(const stream_ending& how) override;

  // The request is refused (bad input, unknown model, over a limit, or no attempt answered).
  task<void> refuse(const openai_error& error,
                    std::optional<std::chrono::milliseconds> retry_after = std::nullopt);
  // The request failed inside keygate: a 500 when nothing went out yet, else the connection closes
  // (the client sees a cut stream, never a success).
  task<void> fail_inside();
  // The client hung up: nothing more goes out.
  void client_left();

  // The answer goes to the response cache too, as the client gets it (before the cost is put in
  // a stream's usage chunk: a replay carries its own).
  void capture_into(answer_capture* capture) { capture_ = capture; }
  // An answer from the response cache: recorded at no cost, then sent as it was first sent.
  task<void> replay(const cached_answer& answer);

 private:
  // Settles and records once, before the last bytes of a successful answer.
  task<void> before_last_bytes(std::string_view native_answer = {});
  // The door's encoder when this answer needs one (canonical, on a door of another dialect).
  answer_encoder* encoder() const {
    return form_ == answer_form::canonical ? door_.encoder() : nullptr;
  }

  exchange& ex_;
  request_accounting& accounting_;
  const canonical_request& request_;
  front_door& door_;
  const deployment* target_ = nullptr;
  answer_form form_ = answer_form::canonical;
  outgoing_bytes encoded_;  // a stream's events in the door's dialect, when it has an encoder
  bool cost_added_ = false;
  bool accounted_ = false;
  answer_capture* capture_ = nullptr;
};

}  // namespace keygate
