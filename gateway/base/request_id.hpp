// Request ids: the client's own when it sends a sane one, else a fresh one: the time in
// milliseconds, then 48 random bits, in hex.
#pragma once

#include <string>
#include <string_view>

namespace keygate {

std::string make_request_id();
// Printable ASCII, at most 128 bytes: anything else could break logs or headers.
bool is_acceptable_request_id(std::string_view id);

}  // namespace keygate
