#include "gateway/translators/anthropic/messages_translator.hpp"

#include <boost/json/serialize.hpp>

#include "gateway/translators/anthropic/error_body.hpp"
#include "gateway/translators/anthropic/message_stream.hpp"
#include "gateway/translators/anthropic/native_messages.hpp"
#include "gateway/translators/anthropic/prompt_cache.hpp"
#include "gateway/translators/anthropic/request_body.hpp"
#include "gateway/translators/anthropic/response_parser.hpp"
#include "gateway/translators/anthropic/tool_options.hpp"

namespace keygate::anthropic {

namespace http = boost::beast::http;

namespace {

bool json_response(const translate_input& in) {
  return in.body && wants_json_response(*in.body);
}

}  // namespace

std::variant<native_request, openai_error> messages_translator::build(
    const translate_input& in) const {
  if (!in.body) return invalid_request("The request body must be a JSON object.");
  auto built = build_native_body(*in.body, in.target.model);
  if (auto* error = std::get_if<openai_error>(&built)) return *error;
  auto& native = std::get<native_body>(built);
  if (in.target.auto_cache) place_cache_breakpoints(native.body, in.target.model);

  native_request out;
  out.dropped = std::move(native.dropped);
  auto& req = out.http;
  req.target = in.target.endpoint->base_path + "/messages";
  req.headers.set(http::field::content_type, "application/json");
  req.headers.set(http::field::accept, in.view.stream ? "text/event-stream" : "application/json");
  req.headers.set("anthropic-version", api_version);
  if (!in.target.api_key.empty()) req.headers.set("x-api-key", in.target.api_key);
  req.body = boost::json::serialize(native.body);
  return out;
}

std::variant<openai_answer, openai_error> messages_translator::parse(
    const translate_input& in, std::string native_body) const {
  return parse_message(native_body, json_response(in), in.target.reasoning);
}

std::unique_ptr<stream_translator> messages_translator::stream(const translate_input& in) const {
  return std::make_unique<message_stream>(in.view.include_usage, json_response(in),
                                          in.target.reasoning, in.target.model);
}

const translator* messages_translator::native_for(client_dialect dialect, const deployment&) const {
  static const native_messages_translator native;
  return dialect == client_dialect::anthropic_messages ? &native : nullptr;
}

openai_error messages_translator::error(int status, std::string_view native_body,
                                        const boost::beast::http::fields&) const {
  return error_from_response(status, native_body);
}

}  // namespace keygate::anthropic
