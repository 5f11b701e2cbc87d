#include "metrics_text.hpp"

#include <sstream>

namespace keygate::testing {

namespace {

// Label pairs of a sample line's {...} part (values as written, escapes left alone: the tests'
// values have none).
std::map<std::string, std::string> labels_of(const std::string& inside) {
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  while (at < inside.size()) {
    const auto eq = inside.find("=\"", at);
    if (eq == std::string::npos) break;
    const auto close = inside.find('"', eq + 2);
    out[inside.substr(at, eq - at)] = inside.substr(eq + 2, close - eq - 2);
    at = close + 1;
    if (at < inside.size() && inside[at] == ',') ++at;
  }
  return out;
}

}  // namespace

double metric_sum(const std::string& exposition, const std::string& name,
                  const std::map<std::string, std::string>& labels) {
  std::istringstream in(exposition);
  std::string line;
  double sum = 0;
  bool found = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.compare(0, name.size(), name) != 0) continue;
    const char next = line.size() > name.size() ? line[name.size()] : '\0';
    if (next != '{' && next != ' ') continue;  // another metric with this name as its prefix
    std::map<std::string, std::string> have;
    std::size_t value_at = name.size() + 1;
    if (next == '{') {
      const auto close = line.find("} ", name.size());
      have = labels_of(line.substr(name.size() + 1, close - name.size() - 1));
      value_at = close + 2;
    }
    bool matches = true;
    for (const auto& [k, v] : labels) {
      auto it = have.find(k);
      matches = matches && it != have.end() && it->second == v;
    }
    if (!matches) continue;
    sum += std::stod(line.substr(value_at));
    found = true;
  }
  return found ? sum : -1;
}

}  // namespace keygate::testing
