#include "gateway/translators/anthropic/count_tokens_request.hpp"

#include "gateway/translators/anthropic/messages_translator.hpp"
#include "gateway/translators/common/model_splice.hpp"

namespace keygate::anthropic {

namespace http = boost::beast::http;

upstream_request count_tokens_request(const deployment& target, const client_body& client) {
  upstream_request req;
  req.target = target.endpoint->base_path + "/messages/count_tokens";
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, "application/json");
  req.headers.set("anthropic-version", api_version);
  for (const auto& [name, value] : client.forward_headers) req.headers.set(name, value);
  if (!target.api_key.empty()) req.headers.set("x-api-key", target.api_key);
  req.body = with_model(client.body, client.model_value, target.model);
  return req;
}

}  // namespace keygate::anthropic
