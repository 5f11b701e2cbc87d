#include "gateway/translators/ollama/chat_translator.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/translators/ollama/chat_stream.hpp"
#include "gateway/translators/ollama/embeddings_mapping.hpp"
#include "gateway/translators/ollama/error_body.hpp"
#include "gateway/translators/ollama/request_body.hpp"
#include "gateway/translators/ollama/response_parser.hpp"

namespace keygate::ollama {

namespace http = boost::beast::http;

namespace {

native_request addressed(const deployment& d, std::string_view path, bool ndjson) {
  native_request out;
  auto& req = out.http;
  req.target = d.endpoint->base_path + std::string(path);
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, ndjson ? "application/x-ndjson" : "application/json");
  if (!d.api_key.empty()) req.headers.set(http::field::authorization, "Bearer " + d.api_key);
  return out;
}

}  // namespace

std::variant<native_request, openai_error> chat_translator::build(const translate_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  const body_settings settings{in.target.model, in.view.stream, in.target.reasoning};
  auto built = build_native_body(*in.body, settings);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<native_body>(built);
  native_request out = addressed(in.target, "/api/chat", in.view.stream);
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
  auto built = embeddings_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<embed_body>(built);
  native_request out = addressed(in.target, "/api/embed", false);
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

}  // namespace keygate::ollama
