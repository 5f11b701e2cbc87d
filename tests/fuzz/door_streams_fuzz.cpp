// Answers through the front doors' writers: canonical SSE (chat.completion.chunk events) cut into
// pieces through the Messages encoder (selector % 3 == 0) or the Responses encoder (1), and an
// upstream's Responses event stream through the native watcher that writes previous_response_id
// back (2). Selector bit 0x10 hands the encoders the payload as a whole chat.completion instead.
// Whatever the bytes, the writers answer without crashing or reading out of bounds.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/doors/anthropic/messages_answer.hpp"
#include "gateway/doors/responses/responses_encoder.hpp"
#include "gateway/translators/openai/native_responses.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using keygate::openai_error;
using keygate::outgoing_bytes;
using keygate::token_usage;

void encode(keygate::answer_encoder& encoder, const keygate::fuzz::fuzz_input& in) {
  token_usage usage;
  usage.known = true;
  usage.prompt = 3;
  usage.completion = 5;
  if (in.selector & 0x10) {
    const auto whole = encoder.whole(in.payload, usage);
    if (const auto* error = std::get_if<openai_error>(&whole))
      if (error->status < 400 || error->message.empty()) std::abort();
    return;
  }
  keygate::fuzz::feed_in_pieces(in.payload, in.split_seed, [&](std::string_view piece) {
    outgoing_bytes events;
    outgoing_bytes out;
    events.forward(piece);
    encoder.stream(events, usage, out);
  });
  const openai_error cut{502, "The upstream closed the stream early.", "server_error", std::nullopt,
                         std::string("upstream_stream_truncated")};
  encoder.stream_error(cut);
}

void watch_native(const keygate::fuzz::fuzz_input& in) {
  keygate::openai::native_response_stream stream("resp_previous");
  keygate::fuzz::feed_in_pieces(in.payload, in.split_seed, [&](std::string_view piece) {
    outgoing_bytes out;
    stream.feed(piece, out);
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = keygate::fuzz::read_input(data, size);
  switch ((in.selector & 0x0f) % 3) {
    case 0: {
      keygate::doors::anthropic::messages_encoder encoder;
      encode(encoder, in);
      break;
    }
    case 1: {
      keygate::doors::responses::responses_encoder encoder;
      encoder.set_frame({"resp_0123456789abcdef01234567", 5, {}});
      encode(encoder, in);
      break;
    }
    default:
      watch_native(in);
  }
  return 0;
}
