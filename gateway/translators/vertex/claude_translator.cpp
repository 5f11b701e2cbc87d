#include "gateway/translators/vertex/claude_translator.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/translators/anthropic/prompt_cache.hpp"
#include "gateway/translators/anthropic/request_body.hpp"
#include "gateway/translators/gemini/generate_content_translator.hpp"

namespace keygate::vertex {

namespace http = boost::beast::http;

std::variant<native_request, openai_error> claude_translator::build(
    const translate_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto built = anthropic::build_native_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<anthropic::native_body>(built);
  if (in.target.auto_cache) anthropic::place_cache_breakpoints(native.body, in.target.model);
  // Vertex names the model in the path and the API version in the body.
  native.body.erase("model");
  native.body["anthropic_version"] = anthropic_version;

  native_request out;
  out.dropped = std::move(native.dropped);
  auto& req = out.http;
  req.target = gemini::model_method_path(in.target.endpoint->base_path, in.target.model,
                                         in.view.stream ? ":streamRawPredict" : ":rawPredict");
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, in.view.stream ? "text/event-stream" : "application/json");
  req.body = boost::json::serialize(native.body);
  return out;
}

std::variant<openai_answer, openai_error> claude_translator::parse(const translate_input& in,
                                                                   std::string native_body) const {
  return messages_.parse(in, std::move(native_body));
}

std::unique_ptr<stream_translator> claude_translator::stream(const translate_input& in) const {
  return messages_.stream(in);
}

openai_error claude_translator::error(int status, std::string_view native_body,
                                      const boost::beast::http::fields& headers) const {
  return messages_.error(status, native_body, headers);
}

}  // namespace keygate::vertex
