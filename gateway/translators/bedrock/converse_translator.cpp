#include "gateway/translators/bedrock/converse_translator.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/translators/bedrock/converse_stream.hpp"
#include "gateway/translators/bedrock/error_body.hpp"
#include "gateway/translators/bedrock/prompt_cache.hpp"
#include "gateway/translators/bedrock/request_body.hpp"
#include "gateway/translators/bedrock/request_signing.hpp"
#include "gateway/translators/bedrock/response_parser.hpp"
#include "gateway/translators/bedrock/sigv4.hpp"
#include "gateway/translators/bedrock/tool_options.hpp"

namespace keygate::bedrock {

namespace http = boost::beast::http;

namespace {

bool json_response(const translate_input& in) {
  return in.body && wants_json_response(*in.body);
}

}  // namespace

std::string converse_path(std::string_view base_path, std::string_view model, bool stream) {
  return std::string(base_path) + "/model/" + aws::uri_encode(model, false) +
         (stream ? "/converse-stream" : "/converse");
}

std::variant<native_request, openai_error> converse_translator::build(
    const translate_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto built = build_native_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<native_body>(built);
  if (in.target.auto_cache && caches_prompts(in.target.model))
    place_cache_points(native.body, in.target.model);

  native_request out;
  out.dropped = std::move(native.dropped);
  auto& req = out.http;
  req.target = converse_path(in.target.endpoint ? in.target.endpoint->base_path : std::string(),
                             in.target.model, in.view.stream);
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept,
                  in.view.stream ? "application/vnd.amazon.eventstream" : "application/json");
  req.body = boost::json::serialize(native.body);
  authenticate(req, in.target, now_());
  return out;
}

std::variant<openai_answer, openai_error> converse_translator::parse(
    const translate_input& in, std::string native_body) const {
  return parse_converse(native_body, json_response(in), in.target.reasoning, in.target.model);
}

std::unique_ptr<stream_translator> converse_translator::stream(const translate_input& in) const {
  return std::make_unique<converse_stream>(in.view.include_usage, json_response(in),
                                           in.target.reasoning, in.target.model);
}

openai_error converse_translator::error(int status, std::string_view native_body,
                                        const http::fields& headers) const {
  std::string_view type;
  if (auto it = headers.find("x-amzn-ErrorType"); it != headers.end()) type = it->value();
  return error_from_response(status, type, native_body);
}

}  // namespace keygate::bedrock
