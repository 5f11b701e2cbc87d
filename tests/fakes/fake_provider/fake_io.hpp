// How the fake provider sends an answer under the fault knobs, whatever API it speaks.
#pragma once

#include <string>
#include <vector>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

keygate::task<void> sleep_for(keygate::exchange& ex, millis delay);

// An SSE stream of whole events. events[first_content, first_content + content_count) carry the
// answer's tokens: `itl` pauses between them, and `reset=mid_stream` or `truncate` cut the stream
// after half of them. `drip` sends every byte on its own.
keygate::task<void> send_events(keygate::exchange& ex, const std::vector<std::string>& events,
                                std::size_t first_content, int content_count,
                                const fault_knobs& knobs, keygate::http_fields fields);

// A whole answer. The mid-stream knobs act on it too: the first half of the body goes out, then a
// reset, a close, or an `itl` pause before the rest.
keygate::task<void> send_whole(keygate::exchange& ex, std::string body, const fault_knobs& knobs);

}  // namespace fake
