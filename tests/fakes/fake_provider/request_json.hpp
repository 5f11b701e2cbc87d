// Request bodies as the fake reads them: real providers accept deeply nested JSON schemas, far past
// boost::json's default depth of 32.
#pragma once

#include <boost/json/parse.hpp>
#include <string_view>

namespace fake {

inline boost::json::value parse_request_json(std::string_view body, boost::system::error_code& ec) {
  boost::json::parse_options options;
  options.max_depth = 1000;
  return boost::json::parse(body, ec, {}, options);
}

}  // namespace fake
