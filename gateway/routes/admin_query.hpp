// Reads an admin call's query string: the filters every read shares, the time range, and the few
// parameters that belong to one endpoint.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/routes/admin_scope.hpp"

namespace keygate {

struct admin_params {
  admin_filters filters;
  // [from_ms, to_ms): a date `to` (inclusive) ends at the next UTC midnight, a unix ms `to` one
  // millisecond after itself.
  std::optional<std::int64_t> from_ms, to_ms;
  std::map<std::string, std::string, std::less<>> others;  // the endpoint's own parameters
};

// `filters` names which of key, team, model, provider, deployment, end_user the endpoint takes;
// `others` its own parameters (group_by, status, ...). The 400 for the first unknown or bad one.
std::optional<openai_error> read_admin_params(std::string_view target,
                                              std::initializer_list<std::string_view> filters,
                                              std::initializer_list<std::string_view> others,
                                              admin_params& out);

// "YYYY-MM-DD" (UTC midnight) or unix ms.
std::optional<std::int64_t> parse_admin_time(std::string_view text);

}  // namespace keygate
