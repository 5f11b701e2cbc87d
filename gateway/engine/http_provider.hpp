// A provider reached over HTTP: one attempt of a request, with the wire format left to a
// translator. It answers the client only once it has something sound to send (see provider.hpp).
#pragma once

#include "gateway/engine/provider.hpp"
#include "gateway/engine/translator.hpp"
#include "gateway/engine/upstream_credentials.hpp"

namespace keygate {

// How deep a client's JSON may nest before a translating provider refuses it: boost::json's
// default (32) is too shallow for real tool schemas.
inline constexpr std::size_t max_request_json_depth = 256;

class http_provider final : public provider {
 public:
  explicit http_provider(const translator& wire) : wire_(wire) {}
  // A provider whose requests carry credentials fetched at run time (upstream_credentials.hpp).
  http_provider(const translator& wire, const upstream_credentials& credentials)
      : wire_(wire), credentials_(&credentials) {}
  task<attempt_result> chat(attempt_call& call) const override;
  task<attempt_result> embed(attempt_call& call) const override;

 private:
  const translator& wire_;
  const upstream_credentials* credentials_ = nullptr;
};

}  // namespace keygate
