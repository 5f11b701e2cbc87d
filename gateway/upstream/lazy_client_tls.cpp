#include "gateway/upstream/lazy_client_tls.hpp"

namespace keygate {

lazy_client_tls::lazy_client_tls(bool system_store, std::string ca_file)
    : system_store_(system_store), ca_file_(std::move(ca_file)) {}

net::ssl::context* lazy_client_tls::get(std::string& error) {
  if (context_) return &*context_;
  net::ssl::context context{net::ssl::context::tls_client};
  context.set_verify_mode(net::ssl::verify_peer);
  boost::system::error_code ec;
  if (system_store_) context.set_default_verify_paths(ec);
  if (!ec && !ca_file_.empty()) context.load_verify_file(ca_file_, ec);
  if (ec) {
    error = "cannot load the CA certificates" +
            (ca_file_.empty() ? std::string() : " of " + ca_file_) + ": " + ec.message();
    return nullptr;
  }
  context_.emplace(std::move(context));
  return &*context_;
}

}  // namespace keygate
