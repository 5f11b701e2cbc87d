#include "gateway/translators/bedrock/event_stream.hpp"

#include <array>

namespace keygate::aws {

namespace {

constexpr std::size_t prelude_size = 12;  // total length, headers length, prelude CRC
constexpr std::size_t min_message = 16;   // a prelude and the message CRC
constexpr std::size_t max_payload = std::size_t{24} * 1024 * 1024;
constexpr std::size_t max_headers = std::size_t{128} * 1024;

constexpr std::array<std::uint32_t, 256> crc_table = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}();

std::uint64_t read_be(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

void write_be(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = width; i-- > 0;) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::int64_t sign_extend(std::uint64_t value, std::size_t width) {
  if (width == 8) return static_cast<std::int64_t>(value);
  const std::uint64_t sign = std::uint64_t{1} << (8 * width - 1);
  return static_cast<std::int64_t>((value ^ sign) - sign);
}

// The fixed width of a header value type; 0 for the length-prefixed ones, -1 for unknown types.
int value_width(std::uint8_t type) {
  switch (type) {
    case 0:
    case 1:
      return 0;
    case 2:
      return 1;
    case 3:
      return 2;
    case 4:
      return 4;
    case 5:
    case 8:
      return 8;
    case 9:
      return 16;
    default:
      return -1;
  }
}

// Reads the headers block; false when it is malformed.
bool read_headers(std::string_view block, std::vector<event_header>& out) {
  std::size_t at = 0;
  while (at < block.size()) {
    event_header h;
    const std::size_t name_length = static_cast<unsigned char>(block[at++]);
    if (name_length == 0 || at + name_length + 1 > block.size()) return false;
    h.name = std::string(block.substr(at, name_length));
    at += name_length;
    h.type = static_cast<std::uint8_t>(block[at++]);
    if (h.type == 6 || h.type == 7) {
      if (at + 2 > block.size()) return false;
      const auto length = static_cast<std::size_t>(read_be(block, at, 2));
      at += 2;
      if (at + length > block.size()) return false;
      h.text = std::string(block.substr(at, length));
      at += length;
    } else {
      const int width = value_width(h.type);
      if (width < 0 || at + static_cast<std::size_t>(width) > block.size()) return false;
      if (h.type <= 1)
        h.number = h.type == 0 ? 1 : 0;
      else if (h.type == 9)
        h.text = std::string(block.substr(at, 16));
      else
        h.number = sign_extend(read_be(block, at, width), width);
      at += width;
    }
    out.push_back(std::move(h));
  }
  return true;
}

void write_text_header(std::string& out, std::string_view name, std::uint8_t type,
                       std::string_view value) {
  out += static_cast<char>(name.size());
  out += name;
  out += static_cast<char>(type);
  write_be(out, value.size(), 2);
  out += value;
}

}  // namespace

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc) {
  crc = ~crc;
  for (unsigned char c : bytes) crc = crc_table[(crc ^ c) & 0xff] ^ (crc >> 8);
  return ~crc;
}

std::string_view event_message::header(std::string_view name) const {
  for (const auto& h : headers)
    if (h.name == name && (h.type == 7 || h.type == 6)) return h.text;
  return {};
}

void event_stream_decoder::feed(std::string_view bytes, std::vector<event_message>& out) {
  if (error_) return;
  buffer_.append(bytes);
  std::size_t at = 0;
  while (buffer_.size() - at >= prelude_size) {
    const std::string_view rest = std::string_view(buffer_).substr(at);
    const auto total = static_cast<std::size_t>(read_be(rest, 0, 4));
    const auto headers_length = static_cast<std::size_t>(read_be(rest, 4, 4));
    if (crc32(rest.substr(0, 8)) != read_be(rest, 8, 4)) {
      error_ = "an event stream prelude failed its CRC check";
      break;
    }
    if (total < min_message || headers_length > max_headers ||
        headers_length > total - min_message ||
        total - min_message - headers_length > max_payload) {
      error_ = "an event stream message has impossible lengths";
      break;
    }
    if (rest.size() < total) break;
    auto message = decode_frame(rest.substr(0, total));
    if (!message) break;
    out.push_back(std::move(*message));
    at += total;
  }
  buffer_.erase(0, at);
  if (error_) buffer_.clear();
}

std::optional<event_message> event_stream_decoder::decode_frame(std::string_view frame) {
  const std::size_t total = frame.size();
  if (crc32(frame.substr(0, total - 4)) != read_be(frame, total - 4, 4)) {
    error_ = "an event stream message failed its CRC check";
    return std::nullopt;
  }
  const auto headers_length = static_cast<std::size_t>(read_be(frame, 4, 4));
  event_message message;
  if (!read_headers(frame.substr(prelude_size, headers_length), message.headers)) {
    error_ = "an event stream message has malformed headers";
    return std::nullopt;
  }
  message.payload = std::string(
      frame.substr(prelude_size + headers_length, total - min_message - headers_length));
  return message;
}

std::string encode_event_message(const event_message& message) {
  std::string headers;
  for (const auto& h : message.headers) {
    if (h.type == 6 || h.type == 7) {
      write_text_header(headers, h.name, h.type, h.text);
      continue;
    }
    headers += static_cast<char>(h.name.size());
    headers += h.name;
    headers += static_cast<char>(h.type);
    const int width = value_width(h.type);
    if (h.type == 9)
      headers += h.text.substr(0, 16);
    else if (width > 0)
      write_be(headers, static_cast<std::uint64_t>(h.number), width);
  }
  std::string out;
  const std::size_t total = min_message + headers.size() + message.payload.size();
  write_be(out, total, 4);
  write_be(out, headers.size(), 4);
  write_be(out, crc32(out), 4);
  out += headers;
  out += message.payload;
  write_be(out, crc32(out), 4);
  return out;
}

std::string encode_event(std::string_view event_type, std::string_view json_payload) {
  event_message m;
  m.headers = {{":event-type", 7, std::string(event_type), 0},
               {":content-type", 7, "application/json", 0},
               {":message-type", 7, "event", 0}};
  m.payload = std::string(json_payload);
  return encode_event_message(m);
}

std::string encode_exception(std::string_view exception_type, std::string_view json_payload) {
  event_message m;
  m.headers = {{":exception-type", 7, std::string(exception_type), 0},
               {":content-type", 7, "application/json", 0},
               {":message-type", 7, "exception", 0}};
  m.payload = std::string(json_payload);
  return encode_event_message(m);
}

}  // namespace keygate::aws
