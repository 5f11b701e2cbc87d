// Teams as JSON: for the admin API and for a key store (the same document).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "gateway/config/access_options.hpp"

namespace keygate {

boost::json::object team_to_json(const team& t);
// A stored team back; nullopt when the text is not one.
std::optional<team> team_from_json(std::string_view text);

}  // namespace keygate
