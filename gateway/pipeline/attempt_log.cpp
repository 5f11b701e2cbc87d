#include "gateway/pipeline/attempt_log.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>

namespace keygate {

namespace json = boost::json;

std::string attempt_log_json(const answer_outcome& outcome) {
  if (outcome.tries.empty()) return {};
  json::array tries;
  for (const auto& t : outcome.tries) {
    const bool open = t.status == 0;
    const int status = open ? outcome.status : t.status;
    const std::string& error = open ? outcome.error_code : t.error;
    const double ms = t.ms.value_or(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t.started)
            .count());
    json::object o;
    o["deployment"] = t.deployment;
    o["model"] = t.group;
    o["status"] = status;
    o["error"] = error.empty() ? json::value(nullptr) : json::value(error);
    o["ms"] = std::round(ms * 10) / 10;  // a tenth of a millisecond is plenty
    tries.push_back(std::move(o));
  }
  return json::serialize(tries);
}

}  // namespace keygate
