#include "gateway/pipeline/attempt_log.hpp"

#include <charconv>
#include <cmath>

#include "gateway/base/json_line.hpp"

namespace keygate {

namespace {

template <class Number>
void append_number(std::string& out, Number value) {
  char digits[32];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void append_string(std::string& out, std::string_view text) {
  out.push_back('"');
  append_json_escaped(out, text);
  out.push_back('"');
}

}  // namespace

// Written straight into one string: a request has a try or two, and this runs for every request.
std::string attempt_log_json(const answer_outcome& outcome) {
  if (outcome.tries.empty()) return {};
  std::string out;
  out.reserve(128 * outcome.tries.size());
  out.push_back('[');
  for (const auto& t : outcome.tries) {
    const bool open = t.status == 0;
    const int status = open ? outcome.status : t.status;
    const std::string& error = open ? outcome.error_code : t.error;
    const double ms = t.ms.value_or(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t.started)
            .count());
    if (out.size() > 1) out.push_back(',');
    out.append(R"({"deployment":)");
    append_string(out, t.deployment);
    out.append(R"(,"model":)");
    append_string(out, t.group);
    out.append(R"(,"status":)");
    append_number(out, status);
    out.append(R"(,"error":)");
    if (error.empty())
      out.append("null");
    else
      append_string(out, error);
    out.append(R"(,"ms":)");
    const double tenths = std::round(ms * 10) / 10;  // a tenth of a millisecond is plenty
    if (std::isfinite(tenths))
      append_number(out, tenths);
    else
      out.append("null");
    out.push_back('}');
  }
  out.push_back(']');
  return out;
}

}  // namespace keygate
