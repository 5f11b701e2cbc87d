// The checks Bedrock's Converse API makes on a body before it answers, each failing with a
// ValidationException message like Bedrock's own.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

namespace fake {

std::optional<std::string> converse_problem(const boost::json::value& body);

}  // namespace fake
