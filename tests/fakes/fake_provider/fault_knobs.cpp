#include "fault_knobs.hpp"

#include <boost/beast/core/string.hpp>
#include <charconv>

namespace fake {

namespace {

int to_int(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

void apply(fault_knobs& k, std::string_view name, std::string_view value) {
  if (name == "latency")
    k.latency = millis(to_int(value));
  else if (name == "ttft")
    k.ttft = millis(to_int(value));
  else if (name == "itl")
    k.itl = millis(to_int(value));
  else if (name == "drip")
    k.drip = millis(to_int(value));
  else if (name == "tokens")
    k.tokens = std::max(0, to_int(value));
  else if (name == "status")
    k.status = to_int(value);
  else if (name == "retry_after")
    k.retry_after = to_int(value);
  else if (name == "reset") {
    k.reset_before_headers = value == "before_headers";
    k.reset_mid_stream = value == "mid_stream";
  } else if (name == "truncate") {
    k.truncate = value != "0" && value != "false";
  } else if (name == "malformed") {
    k.malformed = value != "0" && value != "false";
  } else if (name == "stream_error") {
    k.stream_error = value != "0" && value != "false";
  }
}

}  // namespace

fault_knobs read_knobs(const keygate::http_request& request, std::string_view model) {
  fault_knobs knobs;
  for (const auto& field : request) {
    std::string_view name = field.name_string();
    if (name.size() > 7 && boost::beast::iequals(name.substr(0, 7), "x-fake-"))
      apply(knobs, name.substr(7), field.value());
  }
  auto at = model.find('@');
  if (at == std::string_view::npos) return knobs;
  std::string_view list = model.substr(at + 1);
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    auto eq = item.find('=');
    if (eq != std::string_view::npos) apply(knobs, item.substr(0, eq), item.substr(eq + 1));
    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
  }
  return knobs;
}

}  // namespace fake
