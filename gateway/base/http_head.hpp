// A message's head (start line, fields, blank line) as one string, so a message goes out as two
// buffers, head and body. Beast's serializer hands the socket one buffer per field through nested
// buffer-sequence adaptors, and walking those cost more than the rest of a write.
#pragma once

#include <boost/beast/http/message.hpp>
#include <string>

namespace keygate {

// The same bytes Beast's serializer writes for the head.
std::string http_head(const boost::beast::http::request_header<>& head);
std::string http_head(const boost::beast::http::response_header<>& head);

}  // namespace keygate
