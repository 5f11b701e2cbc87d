#include "embeddings_api.hpp"

#include <boost/json/parse.hpp>
#include <charconv>

#include "fake_io.hpp"
#include "fault_knobs.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/translators/mock/hashed_embedding.hpp"
#include "gateway/translators/openai/embedding_list.hpp"
#include "gemini_errors.hpp"
#include "last_request.hpp"
#include "openai_api.hpp"
#include "request_json.hpp"

namespace fake {

namespace json = boost::json;
using keygate::task;

namespace {

// The model of "/v1beta/models/{model}:batchEmbedContents".
std::string gemini_model(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  path.remove_prefix(std::string_view("/v1beta/models/").size());
  return std::string(path.substr(0, path.rfind(':')));
}

std::optional<std::string> batch_problem(const json::value& body, const std::string& model) {
  const auto* requests = body.is_object() ? body.get_object().if_contains("requests") : nullptr;
  if (!requests || !requests->is_array() || requests->get_array().empty())
    return "* BatchEmbedContentsRequest.requests: requests is not specified";
  for (const auto& item : requests->get_array()) {
    const auto* request = item.if_object();
    const auto* name = request ? request->if_contains("model") : nullptr;
    if (!name || !name->is_string() || name->get_string() != "models/" + model)
      return "* BatchEmbedContentsRequest.requests[].model: the model must be models/" + model;
    const auto* content = request->if_contains("content");
    const auto* parts =
        content && content->is_object() ? content->get_object().if_contains("parts") : nullptr;
    if (!parts || !parts->is_array() || parts->get_array().empty())
      return "* BatchEmbedContentsRequest.requests[].content.parts: must not be empty";
  }
  return std::nullopt;
}

std::string values_json(const std::vector<float>& values) {
  std::string out = "[";
  char buffer[32];
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, values[i]);
    out.append(buffer, ec == std::errc() ? end : buffer);
  }
  return out + "]";
}

// Each request's text parts joined: what its vector is derived from.
std::string request_text(const json::value& request) {
  std::string text;
  for (const auto& part : request.at("content").at("parts").get_array())
    if (const auto* t = part.is_object() ? part.get_object().if_contains("text") : nullptr;
        t && t->is_string())
      text += t->get_string();
  return text;
}

}  // namespace

task<void> openai_embeddings(keygate::exchange& ex) {
  const openai_flavor openai_itself;
  co_await openai_embeddings(ex, openai_itself);
}

task<void> openai_embeddings(keygate::exchange& ex, const openai_flavor& flavor) {
  remember_request(ex.request().body());
  keygate::embeddings_request request;
  if (auto error = keygate::parse_embeddings_request(ex.request().body(), request))
    co_return co_await keygate::respond_error(ex, *error);
  const std::string model = flavor.model.value_or(request.common.model);
  const auto knobs = read_knobs(ex.request(), model);
  const error_sender send_error = flavor.send_error ? flavor.send_error : send_openai_error;
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  if (flavor.check_bearer_key && openai_unauthorized(ex.request()))
    co_return co_await send_error(ex, 401, knobs);
  if (knobs.status >= 400) co_return co_await send_error(ex, knobs.status, knobs);

  const auto dimensions =
      static_cast<std::size_t>(request.dimensions.value_or(keygate::default_mock_dimensions));
  const auto parsed = json::parse(request.common.body);
  std::vector<std::vector<float>> vectors;
  for (const auto& seed : keygate::embedding_seeds(parsed.at("input")))
    vectors.push_back(keygate::hashed_embedding(seed, dimensions));
  std::string body =
      keygate::openai::embedding_list_json(vectors, model, request.encoding, request.word_count);
  if (knobs.malformed) body = R"({"object":"list","data":[)";
  co_await send_whole(ex, std::move(body), knobs);
}

task<void> gemini_batch_embed(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const std::string model = gemini_model(ex.request().target());
  const auto knobs = read_knobs(ex.request(), model);
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  auto key = ex.request().find("x-goog-api-key");
  if (key == ex.request().end())
    co_return co_await send_gemini_error(
        ex, 403, "Method doesn't allow unregistered callers. Please use an API key.", knobs);
  if (key->value().empty() || key->value() == "bad-key") co_return co_await send_gemini_bad_key(ex);
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  if (auto problem = ec ? std::optional<std::string>("Invalid JSON payload received.")
                        : batch_problem(body, model))
    co_return co_await send_gemini_error(ex, 400, *problem, knobs);
  if (knobs.status >= 400) co_return co_await send_gemini_error(ex, knobs.status, "", knobs);

  std::string answer = R"({"embeddings":[)";
  bool first = true;
  for (const auto& request : body.at("requests").get_array()) {
    std::size_t dimensions = keygate::default_mock_dimensions;
    if (const auto* n = request.get_object().if_contains("outputDimensionality");
        n && n->is_int64() && n->get_int64() > 0)
      dimensions = static_cast<std::size_t>(n->get_int64());
    if (!first) answer += ',';
    first = false;
    answer += R"({"values":)" +
              values_json(keygate::hashed_embedding(request_text(request), dimensions)) + "}";
  }
  answer += "]}";
  if (knobs.malformed) answer = R"({"embeddings":[{"values":)";
  co_await send_whole(ex, std::move(answer), knobs);
}

}  // namespace fake
