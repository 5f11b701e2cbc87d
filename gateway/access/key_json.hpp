// Virtual keys as JSON: for the admin API (never the hash) and for a key store (with it).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "gateway/config/access_options.hpp"

namespace keygate {

boost::json::object key_to_json(const virtual_key& key, bool with_hash);
// A stored key back; nullopt when the text is not one.
std::optional<virtual_key> key_from_json(std::string_view text);

boost::json::object budget_to_json(const budget& b);
std::string_view period_name(budget_period p);
std::optional<budget_period> period_from_name(std::string_view name);

}  // namespace keygate
