// The time stamp of a log line: UTC to the millisecond, "2026-12-03T08:19:58.105Z".
#pragma once

#include <chrono>
#include <string_view>

namespace keygate {

using log_timestamp_text = char[24];

// Writes the time into text (no terminating zero) and returns the written part.
std::string_view format_log_timestamp(std::chrono::system_clock::time_point time,
                                      log_timestamp_text& text);

}  // namespace keygate
