// Reads the fields of a key or a team from an admin request's JSON body (create or update).
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "gateway/access/key_registry.hpp"
#include "gateway/base/openai_error.hpp"
#include "gateway/engine/routing_table.hpp"

namespace keygate {

// Applies every field `body` has to `key`; the first problem is returned as a 400.
std::optional<openai_error> apply_key_fields(const boost::json::object& body,
                                             const key_snapshot& keys, const routing_table& table,
                                             virtual_key& key);

// The same for a team: `models`, `rpm`, `tpm`, `max_parallel`, `budget`, and `id` when `creating`
// (an id of 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit).
std::optional<openai_error> apply_team_fields(const boost::json::object& body,
                                              const routing_table& table, bool creating, team& t);

}  // namespace keygate
