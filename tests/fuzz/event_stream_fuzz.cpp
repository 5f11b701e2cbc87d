// AWS event-stream bytes at arbitrary splits through the decoder. Every message it accepts
// survives a round trip through the encoder unchanged, and after a broken frame it decodes
// nothing more.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "gateway/translators/bedrock/event_stream.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

bool same(const keygate::aws::event_message& a, const keygate::aws::event_message& b) {
  if (a.payload != b.payload || a.headers.size() != b.headers.size()) return false;
  for (std::size_t i = 0; i < a.headers.size(); ++i) {
    const auto& x = a.headers[i];
    const auto& y = b.headers[i];
    if (x.name != y.name || x.type != y.type || x.text != y.text || x.number != y.number)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = keygate::fuzz::read_input(data, size);
  keygate::aws::event_stream_decoder decoder;
  std::vector<keygate::aws::event_message> messages;
  keygate::fuzz::feed_in_pieces(in.payload, in.split_seed, [&](std::string_view piece) {
    const bool broken = decoder.error().has_value();
    const auto before = messages.size();
    decoder.feed(piece, messages);
    if (broken && messages.size() != before) std::abort();
  });
  for (const auto& message : messages) {
    keygate::aws::event_stream_decoder again;
    std::vector<keygate::aws::event_message> decoded;
    again.feed(keygate::aws::encode_event_message(message), decoded);
    if (again.error() || decoded.size() != 1 || !same(decoded[0], message)) std::abort();
  }
  return 0;
}
