#include "gateway/translators/vertex/vertex_provider.hpp"

namespace keygate::vertex {

const http_provider& vertex_provider::wire_for(const deployment& target) const {
  return target.vertex.publisher == "anthropic" ? claude_ : gemini_;
}

task<attempt_result> vertex_provider::chat(attempt_call& call) const {
  co_return co_await wire_for(call.target).chat(call);
}

task<attempt_result> vertex_provider::embed(attempt_call& call) const {
  co_return co_await wire_for(call.target).embed(call);
}

}  // namespace keygate::vertex
