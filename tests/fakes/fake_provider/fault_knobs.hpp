// The faults a test asks the fake provider for, per request (docs/fake-provider.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/http/exchange.hpp"

namespace fake {

using millis = std::chrono::milliseconds;

struct fault_knobs {
  millis latency{0};
  millis ttft{0};
  millis itl{0};
  millis drip{0};
  int tokens = 8;
  int status = 0;
  std::optional<int> retry_after;
  bool reset_before_headers = false;
  bool reset_mid_stream = false;
  bool truncate = false;
  bool malformed = false;
  bool stream_error = false;  // Ollama: an {"error":...} line in place of the second half
};

// Headers "x-fake-<knob>" first, then "model@knob=value,..." overrides them. Unknown knobs are
// ignored; a malformed number reads as 0.
fault_knobs read_knobs(const keygate::http_request& request, std::string_view model);

}  // namespace fake
