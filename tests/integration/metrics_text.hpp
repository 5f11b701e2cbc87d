// Reads sample values out of a Prometheus text exposition, for the metrics tests.
#pragma once

#include <map>
#include <string>

namespace keygate::testing {

// The sum of the samples named `name` whose labels include every pair in `labels`; -1 when none
// matches.
double metric_sum(const std::string& exposition, const std::string& name,
                  const std::map<std::string, std::string>& labels = {});

}  // namespace keygate::testing
