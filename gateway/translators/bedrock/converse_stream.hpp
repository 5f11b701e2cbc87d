// Turns a ConverseStream body (application/vnd.amazon.eventstream: messageStart,
// contentBlockStart/Delta/Stop, messageStop, metadata, and exceptions) into OpenAI chunks, fed
// upstream bytes at any split
// (docs/bedrock.md#answers-response_parsercpp-converse_streamcpp-finish_and_usagecpp,
// docs/mapping.md#stream-translation).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/engine/translator.hpp"
#include "gateway/translators/bedrock/event_stream.hpp"
#include "gateway/translators/openai/chunk_writer.hpp"

namespace keygate::bedrock {

class converse_stream final : public stream_translator {
 public:
  // `json_response`: the request forced the json_response tool; its input streams as content.
  // `reasoning`: reasoning deltas go out as reasoning_content (else they are dropped).
  converse_stream(bool include_usage, bool json_response, bool reasoning, std::string model);

  void feed(std::string_view bytes, outgoing_bytes& out) override;
  bool done() const override { return done_; }
  bool upstream_error() const override { return upstream_error_; }
  bool malformed() const override { return malformed_; }
  token_usage usage() const override { return usage_; }

 private:
  // What a Bedrock content block becomes on the OpenAI side.
  struct block {
    enum class kind { text, tool_call, json_answer } what = kind::text;
    int tool_index = 0;  // OpenAI's tool_calls[].index, never Bedrock's contentBlockIndex
  };

  void on_message(const aws::event_message& message, outgoing_bytes& out);
  void on_event(std::string_view type, const boost::json::object& data, outgoing_bytes& out);
  void on_block_start(const boost::json::object& data, outgoing_bytes& out);
  void on_block_delta(const boost::json::object& data, outgoing_bytes& out);
  void on_message_stop(const boost::json::object& data, outgoing_bytes& out);
  void on_metadata(const boost::json::object& data, outgoing_bytes& out);
  void fail(const openai_error& error, outgoing_bytes& out);
  openai::chunk_writer& writer();

  aws::event_stream_decoder decoder_;
  std::optional<openai::chunk_writer> writer_;
  std::map<std::int64_t, block> blocks_;  // keyed by contentBlockIndex: text blocks may not start
  token_usage usage_;
  bool include_usage_;
  bool json_response_;
  bool reasoning_;
  std::string model_;
  bool answered_in_json_ = false;
  bool first_message_seen_ = false;
  bool done_ = false;
  bool upstream_error_ = false;
  bool malformed_ = false;
};

}  // namespace keygate::bedrock
