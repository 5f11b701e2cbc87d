#include "gateway/translators/openai/native_endpoints.hpp"

#include <boost/json/parse.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/common/model_splice.hpp"
#include "gateway/translators/openai/openai_error_body.hpp"
#include "gateway/translators/openai/passthrough_body.hpp"
#include "gateway/translators/openai/passthrough_stream.hpp"
#include "gateway/translators/openai/usage_parser.hpp"

namespace keygate::openai {

namespace http = boost::beast::http;
namespace json = boost::json;

namespace native_endpoint_detail {

std::string_view operation(client_dialect endpoint) {
  switch (endpoint) {
    case client_dialect::openai_completions:
      return "completions";
    case client_dialect::openai_images:
      return "images/generations";
    case client_dialect::openai_speech:
      return "audio/speech";
    case client_dialect::openai_transcriptions:
      return "audio/transcriptions";
    default:
      return "audio/translations";
  }
}

bool multipart(client_dialect endpoint) {
  return endpoint == client_dialect::openai_transcriptions ||
         endpoint == client_dialect::openai_translations;
}

std::optional<json::object> parse_object(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

}  // namespace native_endpoint_detail

token_usage image_usage(std::string_view answer) {
  token_usage usage;
  auto parsed = native_endpoint_detail::parse_object(answer);
  if (!parsed) return usage;
  const auto* data = json_fields::find(*parsed, "data");
  usage.unit = usage_unit::images;
  usage.units = data && data->is_array() ? static_cast<double>(data->get_array().size()) : 0;
  usage.known = true;
  // gpt-image models also report the tokens they are billed for.
  const auto& tokens = json_fields::object_at(*parsed, "usage");
  usage.prompt = json_fields::count_at(tokens, "input_tokens");
  usage.completion = json_fields::count_at(tokens, "output_tokens");
  return usage;
}

token_usage transcription_usage(std::string_view answer, double seconds_from_file) {
  token_usage usage;
  usage.unit = usage_unit::audio_seconds;
  usage.units = seconds_from_file;
  // Text, srt and vtt answers are not JSON: the file's own length is all there is.
  auto parsed = native_endpoint_detail::parse_object(answer);
  if (!parsed) return usage;
  const auto& reported = json_fields::object_at(*parsed, "usage");
  if (json_fields::string_at(reported, "type") == "duration") {
    if (auto seconds = json_fields::number(json_fields::find(reported, "seconds")))
      usage.units = *seconds;
  } else if (json_fields::string_at(reported, "type") == "tokens") {
    usage.prompt = json_fields::count_at(reported, "input_tokens");
    usage.completion = json_fields::count_at(reported, "output_tokens");
  }
  if (auto duration = json_fields::number(json_fields::find(*parsed, "duration")))
    usage.units = *duration;
  usage.known = usage.units > 0 || usage.prompt > 0;
  return usage;
}

token_usage raw_audio_stream::usage() const {
  token_usage usage;
  usage.unit = usage_unit::characters;
  usage.units = characters_;
  usage.known = true;
  return usage;
}

std::variant<native_request, openai_error> native_endpoint::build(const translate_input& in) const {
  using namespace native_endpoint_detail;
  if (!in.client) return invalid_request("This deployment needs the client's own request.");
  native_request out;
  auto& req = out.http;
  const auto& d = in.target;
  const std::string& base = d.endpoint->base_path;
  const std::string op(operation(endpoint_));
  if (wire_ == openai_dialect::azure) {
    req.target = d.api_version.empty() ? base + "/openai/v1/" + op
                                       : base + "/openai/deployments/" + d.model + "/" + op +
                                             "?api-version=" + d.api_version;
    req.headers.set("api-key", d.api_key);
  } else {
    req.target = base + "/" + op;
    if (!d.api_key.empty()) req.headers.set(http::field::authorization, "Bearer " + d.api_key);
  }
  const std::string_view body = in.client->body;
  const byte_span model = in.client->model_value;
  if (multipart(endpoint_)) {
    // The upload goes up from the client's buffer: only the model part's value changes.
    req.headers.set(http::field::content_type, in.client->content_type);
    req.headers.set(http::field::accept, "application/json");
    req.body_pieces = {body.substr(0, model.offset), d.model,
                       body.substr(model.offset + model.length)};
    return out;
  }
  req.headers.set(http::field::content_type, "application/json");
  if (endpoint_ == client_dialect::openai_completions) {
    req.headers.set(http::field::accept, in.view.stream ? "text/event-stream" : "application/json");
    req.body = passthrough_body(in.view, d.model);
  } else {
    req.headers.set(http::field::accept,
                    endpoint_ == client_dialect::openai_speech ? "*/*" : "application/json");
    req.body = with_model(body, model, d.model);
  }
  return out;
}

std::variant<openai_answer, openai_error> native_endpoint::parse(const translate_input& in,
                                                                 std::string native_body) const {
  openai_answer answer;
  switch (endpoint_) {
    case client_dialect::openai_completions:
      if (!read_answer_usage(native_body, answer.usage))
        return invalid_upstream_answer("a response that is not a completion");
      break;
    case client_dialect::openai_images:
      answer.usage = image_usage(native_body);
      if (!answer.usage.known)
        return invalid_upstream_answer("a response that is not an image list");
      break;
    case client_dialect::openai_speech: {
      // Speech asked as a whole (never by keygate, which streams it): billed by characters.
      raw_audio_stream counted(in.client ? in.client->request_units : 0);
      answer.usage = counted.usage();
      break;
    }
    default:
      answer.usage = transcription_usage(native_body, in.client ? in.client->request_units : 0);
      break;
  }
  answer.body = std::move(native_body);
  return answer;
}

std::unique_ptr<stream_translator> native_endpoint::stream(const translate_input& in) const {
  if (endpoint_ == client_dialect::openai_speech)
    return std::make_unique<raw_audio_stream>(in.client ? in.client->request_units : 0);
  return std::make_unique<passthrough_stream>(in.view.include_usage);
}

openai_error native_endpoint::error(int status, std::string_view native_body,
                                    const boost::beast::http::fields&) const {
  return error_from_upstream(status, native_body);
}

const translator* openai_endpoint(openai_dialect wire, client_dialect endpoint) {
  using enum client_dialect;
  static const native_endpoint openai_ones[] = {{openai_dialect::openai, openai_completions},
                                                {openai_dialect::openai, openai_images},
                                                {openai_dialect::openai, openai_speech},
                                                {openai_dialect::openai, openai_transcriptions},
                                                {openai_dialect::openai, openai_translations}};
  static const native_endpoint azure_ones[] = {{openai_dialect::azure, openai_completions},
                                               {openai_dialect::azure, openai_images},
                                               {openai_dialect::azure, openai_speech},
                                               {openai_dialect::azure, openai_transcriptions},
                                               {openai_dialect::azure, openai_translations}};
  const auto* table = wire == openai_dialect::azure ? azure_ones : openai_ones;
  switch (endpoint) {
    case openai_completions:
      return &table[0];
    case openai_images:
      return &table[1];
    case openai_speech:
      return &table[2];
    case openai_transcriptions:
      return &table[3];
    case openai_translations:
      return &table[4];
    default:
      return nullptr;
  }
}

}  // namespace keygate::openai
