#include "gateway/translators/common/native_rerank.hpp"

#include <boost/json/parse.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/common/model_splice.hpp"

namespace keygate {

namespace http = boost::beast::http;
namespace json = boost::json;

token_usage rerank_usage(std::string_view answer) {
  token_usage usage;
  json::error_code ec;
  auto value = json::parse(answer, ec);
  if (ec || !value.is_object()) return usage;
  const auto& root = value.as_object();
  const auto* results = json_fields::find(root, "results");
  if (!results || !results->is_array()) return usage;
  usage.known = true;
  usage.unit = usage_unit::search_units;
  const auto& billed = json_fields::object_at(json_fields::object_at(root, "meta"), "billed_units");
  const auto units = json_fields::number(json_fields::find(billed, "search_units"));
  usage.units = units && *units >= 0 ? *units : 1;
  return usage;
}

std::variant<native_request, openai_error> native_rerank::build(const translate_input& in) const {
  if (!in.client) return invalid_request("This deployment needs the client's rerank request.");
  native_request out;
  auto& req = out.http;
  const auto& d = in.target;
  req.target = d.endpoint->base_path + "/rerank";
  if (!d.api_key.empty()) req.headers.set(http::field::authorization, "Bearer " + d.api_key);
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, "application/json");
  req.body = with_model(in.client->body, in.client->model_value, d.model);
  return out;
}

std::variant<openai_answer, openai_error> native_rerank::parse(const translate_input&,
                                                               std::string native_body) const {
  openai_answer answer;
  answer.usage = rerank_usage(native_body);
  if (!answer.usage.known) return invalid_upstream_answer("a response that is not a rerank list");
  answer.body = std::move(native_body);
  return answer;
}

std::unique_ptr<stream_translator> native_rerank::stream(const translate_input&) const {
  return nullptr;  // never asked: a rerank request is never a stream
}

openai_error native_rerank::error(int status, std::string_view native_body,
                                  const boost::beast::http::fields&) const {
  // Cohere's errors are {"message": ...}; OpenAI-style servers nest it under "error".
  json::error_code ec;
  auto value = json::parse(native_body, ec);
  std::string message = "The upstream refused the rerank request.";
  if (!ec && value.is_object()) {
    const auto& root = value.as_object();
    auto text = json_fields::string_at(root, "message");
    if (text.empty())
      text = json_fields::string_at(json_fields::object_at(root, "error"), "message");
    if (text.empty()) text = json_fields::string_at(root, "detail");
    if (!text.empty()) message = std::string(text);
  }
  openai_error error = default_upstream_error(status);
  error.message = std::move(message);
  return error;
}

const native_rerank& rerank_translator() {
  static const native_rerank instance;
  return instance;
}

}  // namespace keygate
