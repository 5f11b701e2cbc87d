#include "gateway/translators/cohere/chat_translator.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/translators/cohere/chat_stream.hpp"
#include "gateway/translators/cohere/embeddings_mapping.hpp"
#include "gateway/translators/cohere/error_body.hpp"
#include "gateway/translators/cohere/request_body.hpp"
#include "gateway/translators/cohere/response_parser.hpp"
#include "gateway/translators/common/native_rerank.hpp"

namespace keygate::cohere {

namespace http = boost::beast::http;

namespace {

native_request addressed(const deployment& target, std::string_view operation, bool stream) {
  native_request out;
  auto& req = out.http;
  req.target = target.endpoint->base_path + "/" + std::string(operation);
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, stream ? "text/event-stream" : "application/json");
  if (!target.api_key.empty())
    req.headers.set(http::field::authorization, "Bearer " + target.api_key);
  return out;
}

}  // namespace

std::variant<native_request, openai_error> chat_translator::build(const translate_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto built = build_native_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<native_body>(built);
  native_request out = addressed(in.target, "chat", in.view.stream);
  out.dropped = std::move(native.dropped);
  out.http.body = boost::json::serialize(native.body);
  return out;
}

std::variant<openai_answer, openai_error> chat_translator::parse(const translate_input& in,
                                                                 std::string native_body) const {
  return parse_response(native_body, in.target.model, in.target.reasoning);
}

std::unique_ptr<stream_translator> chat_translator::stream(const translate_input& in) const {
  return std::make_unique<chat_stream>(in.view.include_usage, in.target.reasoning, in.target.model);
}

std::variant<native_request, openai_error> chat_translator::build_embeddings(
    const embeddings_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto built = build_embeddings_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<embeddings_body>(built);
  native_request out = addressed(in.target, "embed", false);
  out.dropped = std::move(native.dropped);
  out.http.body = std::move(native.body);
  return out;
}

std::variant<openai_answer, openai_error> chat_translator::parse_embeddings(
    const embeddings_input& in, std::string native_body) const {
  return embeddings_answer(native_body, in.view, in.target.model);
}

openai_error chat_translator::error(int status, std::string_view native_body,
                                    const boost::beast::http::fields&) const {
  return error_from_response(status, native_body);
}

const translator* chat_translator::native_for(client_dialect dialect, const deployment&) const {
  return dialect == client_dialect::cohere_rerank ? &rerank_translator() : nullptr;
}

}  // namespace keygate::cohere
