#include "gateway/pipeline/attempt_log.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "gateway/base/json_line.hpp"

namespace keygate {

namespace {

void append_text(std::string& out, std::string_view text) {
  out += '"';
  append_json_escaped(out, text);
  out += '"';
}

template <typename Integer>
void append_integer(std::string& out, Integer value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// Milliseconds to a tenth (plenty for a try), as "12.3".
void append_tenths(std::string& out, double ms) {
  const long long tenths = std::llround(std::max(ms, 0.0) * 10);
  append_integer(out, tenths / 10);
  out += '.';
  out += static_cast<char>('0' + tenths % 10);
}

}  // namespace

// Written straight into one string: this runs for every request, and a JSON DOM per try cost
// more than the rest of the record.
std::string attempt_log_json(const answer_outcome& outcome) {
  if (outcome.tries.empty()) return {};
  std::string out;
  out.reserve(96 * outcome.tries.size());
  out += '[';
  for (const auto& t : outcome.tries) {
    const bool open = t.status == 0;
    const int status = open ? outcome.status : t.status;
    const std::string& error = open ? outcome.error_code : t.error;
    const double ms = t.ms.value_or(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t.started)
            .count());
    if (out.size() > 1) out += ',';
    out += "{\"deployment\":";
    append_text(out, t.deployment);
    out += ",\"model\":";
    append_text(out, t.group);
    out += ",\"status\":";
    append_integer(out, status);
    out += ",\"error\":";
    if (error.empty())
      out += "null";
    else
      append_text(out, error);
    out += ",\"ms\":";
    append_tenths(out, ms);
    out += '}';
  }
  out += ']';
  return out;
}

}  // namespace keygate
