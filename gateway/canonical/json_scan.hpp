// What the canonical request readers share while scanning a body with simdjson On-Demand.
#pragma once

#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::json_scan {

// A raw JSON token without the whitespace On-Demand leaves after it.
inline std::string_view trim_right(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// The 400 for a body that is not valid JSON.
inline openai_error malformed(std::string_view detail) {
  return invalid_request("The request body is not valid JSON: " + std::string(detail) + ".", {},
                         std::string("invalid_json"));
}

}  // namespace keygate::json_scan
