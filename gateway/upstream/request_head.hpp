// The head of a request to an upstream, written straight into one string from the request's own
// header list: building a second Beast field list for it cost an allocation per header.
#pragma once

#include <string>
#include <string_view>

#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

// "METHOD target HTTP/1.1", then the request's headers in order (without Host, Content-Length and
// Transfer-Encoding, which are set here, and without a Connection: close: upstream connections are
// kept alive), then Host, User-Agent unless the request has one, and Content-Length: the body's
// or its pieces' length, left out for an empty body of a method other than POST, PUT and OPTIONS.
// The same bytes Beast's serializer wrote for the message send_once used to build.
std::string upstream_request_head(const upstream_request& request, std::string_view host,
                                  std::string_view default_user_agent);

}  // namespace keygate
