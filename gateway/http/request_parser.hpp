// The parser every connection reads a request with: Beast's, bounded by the listener's limits.
// Shared with the HTTP fuzz target, so what is fuzzed is what serves.
#pragma once

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>

#include "gateway/config/server_options.hpp"

namespace keygate {

using request_parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

inline void apply_limits(request_parser& parser, const server_limits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
}

}  // namespace keygate
