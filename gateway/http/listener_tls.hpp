// The listener's TLS context, built from the certificate and key files of server.tls. A reload
// builds a new one; connections keep the context they were accepted with.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "gateway/base/net.hpp"
#include "gateway/config/server_options.hpp"

namespace keygate {

using tls_context_ptr = std::shared_ptr<net::ssl::context>;

// Null when TLS is off. Throws std::runtime_error naming the file and what is wrong with it.
tls_context_ptr make_listener_tls_context(const listener_tls& files);

}  // namespace keygate
