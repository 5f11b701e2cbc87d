// A provider reached over HTTP: one attempt of a request, with the wire format left to a
// translator. It answers the client only once it has something sound to send (see provider.hpp).
#pragma once

#include "translators/provider.hpp"
#include "translators/translator.hpp"

namespace keygate {

class http_provider final : public provider {
 public:
  explicit http_provider(const translator& wire) : wire_(wire) {}
  task<attempt_result> chat(chat_call& call) const override;
  task<attempt_result> embed(chat_call& call) const override;

 private:
  const translator& wire_;
};

}  // namespace keygate
