// Canonical answers in the Responses dialect: a whole chat.completion as a Response object, and a
// chat.completion.chunk stream as Responses' typed events (response.created, output items and
// their deltas, response.completed), each with its sequence_number, at any grouping of the
// canonical events. The last Response object is kept for the door to store.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gateway/doors/common/canonical_events.hpp"
#include "gateway/doors/responses/response_object.hpp"
#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors::responses {

class responses_encoder final : public answer_encoder {
 public:
  void set_frame(response_frame frame) { frame_ = std::move(frame); }
  const response_frame& frame() const { return frame_; }

  std::variant<std::string, openai_error> whole(std::string_view completion,
                                                const token_usage& usage) override;
  void stream(const outgoing_bytes& events, const token_usage& usage, outgoing_bytes& out) override;
  std::string stream_error(const openai_error& error) override;

  // The finished Response object (completed or incomplete); null before, or when it failed.
  const boost::json::object* final_response() const { return final_ ? &*final_ : nullptr; }

 private:
  struct open_item {
    std::size_t output_index = 0;
    boost::json::object item;
    std::string text;  // text, summary or arguments so far
  };

  void on_chunk(const canonical_chunk& chunk, const token_usage& usage, std::string& out);
  void emit(std::string& out, std::string_view type, boost::json::object data);
  void start(std::string& out);
  open_item& add_item(boost::json::object item, std::string& out);
  void open_message(std::string& out);
  void open_reasoning(std::string& out);
  void close_text(std::string& out);  // the open message or reasoning item
  void close_call(open_item& call, std::string& out);
  void finish(const token_usage& usage, std::string& out);
  void fail(const openai_error& error, std::string& out);

  response_frame frame_;
  std::string model_;
  std::int64_t sequence_ = 0;
  bool started_ = false;
  bool finished_ = false;
  canonical_events events_;
  std::vector<std::pair<std::size_t, boost::json::object>> done_items_;  // by output index
  std::optional<open_item> text_;  // the open message or reasoning item
  bool text_is_reasoning_ = false;
  std::map<std::size_t, open_item> calls_;  // by canonical call index
  std::size_t next_output_ = 0;
  std::string finish_reason_;
  std::optional<token_usage> usage_;
  std::optional<boost::json::object> final_;
};

}  // namespace keygate::doors::responses
