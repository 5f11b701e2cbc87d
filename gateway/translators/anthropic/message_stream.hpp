// Turns an Anthropic Messages stream (event: message_start, content_block_*, message_delta,
// message_stop, ping, error) into OpenAI chunks, fed upstream bytes at any split
// (docs/anthropic.md#answers-response_parsercpp-message_streamcpp-finish_and_usagecpp,
// docs/mapping.md#stream-translation).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/common/sse_splitter.hpp"
#include "gateway/translators/openai/chunk_writer.hpp"

namespace keygate::anthropic {

class message_stream final : public stream_translator {
 public:
  // `json_response`: the request forced the json_response tool; its input streams as content.
  // `reasoning`: thinking deltas go out as reasoning_content (else they are dropped).
  // `model` names the answer until message_start gives the upstream's own.
  message_stream(bool include_usage, bool json_response, bool reasoning, std::string model);

  void feed(std::string_view bytes, outgoing_bytes& out) override;
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  // What an Anthropic content block becomes on the OpenAI side.
  struct block {
    enum class kind { text, thinking, tool_call, json_answer, ignored } what = kind::ignored;
    int tool_index = 0;  // OpenAI's tool_calls[].index, never Anthropic's block index
  };

  void on_event(std::string_view event, outgoing_bytes& out);
  void on_message_start(const boost::json::object& data);
  void on_block_start(const boost::json::object& data, outgoing_bytes& out);
  void on_block_delta(const boost::json::object& data, outgoing_bytes& out);
  void on_message_delta(const boost::json::object& data, outgoing_bytes& out);
  void on_message_stop(outgoing_bytes& out);
  void on_error(const boost::json::object& data, outgoing_bytes& out);
  openai::chunk_writer& writer();

  sse_splitter splitter_;
  std::string joined_;
  std::optional<openai::chunk_writer> writer_;
  std::map<std::int64_t, block> blocks_;
  token_usage usage_;
  bool include_usage_;
  bool json_response_;
  bool reasoning_;
  std::string model_;
  bool answered_in_json_ = false;
  bool first_event_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::anthropic
