// The SSE splitter at any byte split: every byte comes back, in order, as whole events or as the
// unfinished rest; no event is empty unless the input had one.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gateway/translators/common/sse_splitter.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = keygate::fuzz::read_input(data, size);
  keygate::sse_splitter splitter;
  std::string events;
  std::string joined;
  keygate::fuzz::feed_in_pieces(in.payload, in.split_seed, [&](std::string_view piece) {
    splitter.feed(piece, [&](std::string_view event) {
      if (event.empty()) std::abort();
      events.append(event);
      keygate::sse_event_data(event, joined);
    });
  });
  // What came out as events is exactly the start of what went in.
  if (in.payload.substr(0, events.size()) != events) std::abort();
  return 0;
}
