// application/vnd.amazon.eventstream
// (docs/bedrock.md#answers-response_parsercpp-converse_streamcpp-finish_and_usagecpp): binary
// messages with a CRC-checked prelude, typed headers and a payload. The decoder takes bytes at any
// split; the encoder exists for the fake provider and the golden fixtures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keygate::aws {

// CRC-32 (IEEE 802.3, zlib's crc32), continuing from `crc`.
std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

struct event_header {
  std::string name;
  std::uint8_t type = 7;    // 0 true, 1 false, 2-5 integers, 6 bytes, 7 string, 8 time, 9 uuid
  std::string text;         // bytes and string values
  std::int64_t number = 0;  // booleans, integers and timestamps
};

struct event_message {
  std::vector<event_header> headers;
  std::string payload;

  // A string header's value; empty when absent.
  std::string_view header(std::string_view name) const;
};

class event_stream_decoder {
 public:
  // Appends the messages completed by `bytes` to `out`. After a broken frame (a bad CRC, an
  // impossible length, a malformed header) nothing more is decoded and error() says why.
  void feed(std::string_view bytes, std::vector<event_message>& out);
  const std::optional<std::string>& error() const { return error_; }
  // Bytes of a message that has not been completed yet.
  std::size_t pending() const { return buffer_.size(); }

 private:
  std::optional<event_message> decode_frame(std::string_view frame);

  std::string buffer_;
  std::optional<std::string> error_;
};

// One whole message, CRCs included.
std::string encode_event_message(const event_message& message);
// An event with :message-type event, :event-type and :content-type application/json.
std::string encode_event(std::string_view event_type, std::string_view json_payload);
// A modelled error: :message-type exception and :exception-type.
std::string encode_exception(std::string_view exception_type, std::string_view json_payload);

}  // namespace keygate::aws
