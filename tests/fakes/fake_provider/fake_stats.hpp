// What the fake provider saw, for tests that check the gateway's behaviour from the upstream side.
#pragma once

#include <atomic>

#include "gateway/http/exchange.hpp"

namespace fake {

// Counts a distinct client connection (address and port).
void note_peer(const keygate::exchange& ex);
// {"connections":N,"requests_active":N,"requests_total":N,"streams_active":N,"streams_cancelled":N,
//  "image_requests":N}
keygate::task<void> respond_stats(keygate::exchange& ex);

// Counts a request as being answered while it lives.
class request_counter {
 public:
  request_counter();
  ~request_counter();
};

// Counts a stream as active while it lives; cancelled() notes that the client went away mid-way.
class stream_counter {
 public:
  stream_counter();
  ~stream_counter();
  void cancelled();
};

}  // namespace fake
