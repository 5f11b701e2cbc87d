#include "gateway/translators/gemini/generate_content_translator.hpp"

#include <boost/json/serialize.hpp>
#include <cctype>

#include "gateway/translators/gemini/content_stream.hpp"
#include "gateway/translators/gemini/embeddings_mapping.hpp"
#include "gateway/translators/gemini/error_body.hpp"
#include "gateway/translators/gemini/request_body.hpp"
#include "gateway/translators/gemini/response_parser.hpp"

namespace keygate::gemini {

namespace http = boost::beast::http;

namespace {

bool fits_in_path(char c) {
  static constexpr std::string_view allowed = "-._~!$&'()*+,;=:@";
  return std::isalnum(static_cast<unsigned char>(c)) || allowed.find(c) != std::string_view::npos;
}

}  // namespace

std::string model_path(std::string_view base_path, std::string_view model, bool stream) {
  return model_method_path(base_path, model,
                           stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
}

std::string model_method_path(std::string_view base_path, std::string_view model,
                              std::string_view method) {
  if (model.starts_with("models/")) model.remove_prefix(7);
  std::string target(base_path);
  target += "/models/";
  for (char c : model) {
    if (fits_in_path(c)) {
      target += c;
      continue;
    }
    static constexpr char hex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    target += '%';
    target += hex[byte >> 4];
    target += hex[byte & 0xF];
  }
  target += method;
  return target;
}

std::variant<native_request, openai_error> generate_content_translator::build(
    const translate_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto built = build_native_body(*in.body, in.target.reasoning);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<native_body>(built);

  native_request out;
  out.dropped = std::move(native.dropped);
  auto& req = out.http;
  req.target = model_path(in.target.endpoint->base_path, in.target.model, in.view.stream);
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, in.view.stream ? "text/event-stream" : "application/json");
  if (!in.target.api_key.empty()) req.headers.set("x-goog-api-key", in.target.api_key);
  req.body = boost::json::serialize(native.body);
  return out;
}

std::variant<openai_answer, openai_error> generate_content_translator::parse(
    const translate_input& in, std::string native_body) const {
  return parse_response(native_body, in.target.model, in.target.reasoning);
}

std::variant<native_request, openai_error> generate_content_translator::build_embeddings(
    const embeddings_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto body = embeddings_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&body)) return *error;
  native_request out;
  out.dropped = dropped_embeddings_fields(*in.body);
  auto& req = out.http;
  req.target =
      model_method_path(in.target.endpoint->base_path, in.target.model, ":batchEmbedContents");
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, "application/json");
  if (!in.target.api_key.empty()) req.headers.set("x-goog-api-key", in.target.api_key);
  req.body = std::move(std::get<std::string>(body));
  return out;
}

std::variant<openai_answer, openai_error> generate_content_translator::parse_embeddings(
    const embeddings_input& in, std::string native_body) const {
  return embeddings_answer(native_body, in.view, in.target.model);
}

std::unique_ptr<stream_translator> generate_content_translator::stream(
    const translate_input& in) const {
  return std::make_unique<content_stream>(in.view.include_usage, in.target.reasoning,
                                          in.target.model);
}

openai_error generate_content_translator::error(int status, std::string_view native_body,
                                                const boost::beast::http::fields&) const {
  return error_from_response(status, native_body);
}

std::optional<std::chrono::milliseconds> generate_content_translator::retry_after_in_body(
    std::string_view native_body) const {
  return retry_delay(native_body);
}

}  // namespace keygate::gemini
