#include "gateway/translators/openai/passthrough_translator.hpp"

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/native_rerank.hpp"
#include "gateway/translators/openai/native_endpoints.hpp"
#include "gateway/translators/openai/native_responses.hpp"
#include "gateway/translators/openai/openai_error_body.hpp"
#include "gateway/translators/openai/passthrough_body.hpp"
#include "gateway/translators/openai/passthrough_stream.hpp"
#include "gateway/translators/openai/usage_parser.hpp"

namespace keygate::openai {

namespace http = boost::beast::http;

namespace {

// Where `operation` ("chat/completions", "embeddings") goes, and how the request authenticates.
native_request addressed(openai_dialect dialect, const deployment& d, std::string_view operation) {
  native_request out;
  auto& req = out.http;
  const std::string& base = d.endpoint->base_path;
  if (dialect == openai_dialect::azure) {
    // The dated API names the deployment in the path and ignores "model"; the v1 API reads it.
    req.target = d.api_version.empty()
                     ? base + "/openai/v1/" + std::string(operation)
                     : base + "/openai/deployments/" + d.model + "/" + std::string(operation) +
                           "?api-version=" + d.api_version;
    req.headers.set("api-key", d.api_key);
  } else {
    req.target = base + "/" + std::string(operation);
    if (!d.api_key.empty()) req.headers.set(http::field::authorization, "Bearer " + d.api_key);
  }
  req.headers.set(http::field::content_type, "application/json");
  return out;
}

}  // namespace

std::variant<native_request, openai_error> passthrough_translator::build(
    const translate_input& in) const {
  native_request out = addressed(dialect_, in.target, "chat/completions");
  out.http.headers.set(http::field::accept,
                       in.view.stream ? "text/event-stream" : "application/json");
  out.http.body = passthrough_body(in.view, in.target.model);
  return out;
}

std::variant<native_request, openai_error> passthrough_translator::build_embeddings(
    const embeddings_input& in) const {
  native_request out = addressed(dialect_, in.target, "embeddings");
  out.http.headers.set(http::field::accept, "application/json");
  out.http.body = passthrough_body(in.view.common, in.target.model);
  return out;
}

std::variant<openai_answer, openai_error> passthrough_translator::parse_embeddings(
    const embeddings_input&, std::string native_body) const {
  openai_answer answer;
  if (!read_answer_usage(native_body, answer.usage) ||
      native_body.find("\"data\"") == std::string::npos)
    return invalid_upstream_answer("a response that is not an embeddings list");
  answer.body = std::move(native_body);
  return answer;
}

std::variant<openai_answer, openai_error> passthrough_translator::parse(
    const translate_input&, std::string native_body) const {
  openai_answer answer;
  if (!read_answer_usage(native_body, answer.usage))
    return invalid_upstream_answer("a response that is not a chat completion");
  answer.body = std::move(native_body);
  return answer;
}

std::unique_ptr<stream_translator> passthrough_translator::stream(const translate_input& in) const {
  return std::make_unique<passthrough_stream>(in.view.include_usage);
}

const translator* passthrough_translator::native_for(client_dialect dialect,
                                                     const deployment& target) const {
  static const native_responses openai_responses(openai_dialect::openai);
  static const native_responses azure_responses(openai_dialect::azure);
  // OpenAI's other endpoints go to every OpenAI-compatible upstream; rerank to the compatible
  // servers (OpenAI and Azure have none).
  if (auto* endpoint = openai_endpoint(dialect_, dialect)) return endpoint;
  if (dialect == client_dialect::cohere_rerank)
    return dialect_ == openai_dialect::openai && !responses_ ? &rerank_translator() : nullptr;
  if (dialect != client_dialect::openai_responses) return nullptr;
  // Azure offers the Responses API per deployment (the model decides), so the config says so.
  if (dialect_ == openai_dialect::azure) return target.responses ? &azure_responses : nullptr;
  return responses_ ? &openai_responses : nullptr;
}

openai_error passthrough_translator::error(int status, std::string_view native_body,
                                           const boost::beast::http::fields&) const {
  return error_from_upstream(status, native_body);
}

}  // namespace keygate::openai
