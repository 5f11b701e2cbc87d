#include "gateway/engine/provider.hpp"

#include "gateway/engine/translator.hpp"

namespace keygate {

attempt_result embeddings_unsupported(const deployment& target) {
  const openai_error error =
      invalid_request("Embeddings are not supported by provider '" + target.provider + "'.",
                      std::string("model"), std::string("unsupported_operation"));
  return {false, true, attempt_failure{error, failure_kind::client_error, std::nullopt}, {}};
}

attempt_result endpoint_unsupported(const deployment& target, client_dialect dialect) {
  const openai_error error =
      invalid_request("Deployment '" + target.id + "' (provider '" + target.provider +
                          "') does not serve " + std::string(endpoint_path(dialect)) + ".",
                      std::string("model"), std::string("unsupported_operation"));
  return {false, true, attempt_failure{error, failure_kind::client_error, std::nullopt}, {}};
}

task<attempt_result> provider::embed(attempt_call& call) const {
  co_return embeddings_unsupported(call.target);
}

std::variant<native_request, openai_error> translator::build_embeddings(
    const embeddings_input& in) const {
  return embeddings_unsupported(in.target).failure->error;
}

std::variant<openai_answer, openai_error> translator::parse_embeddings(const embeddings_input& in,
                                                                       std::string) const {
  return embeddings_unsupported(in.target).failure->error;
}

}  // namespace keygate
