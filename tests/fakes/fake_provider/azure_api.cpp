#include "azure_api.hpp"

#include <boost/json/serialize.hpp>
#include <optional>
#include <regex>
#include <string>

#include "embeddings_api.hpp"
#include "fault_knobs.hpp"
#include "openai_api.hpp"
#include "responses_api.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

constexpr std::string_view deployments_prefix = "/openai/deployments/";
constexpr std::string_view v1_prefix = "/openai/v1/";
constexpr std::string_view dated_responses = "/openai/responses";

struct azure_call {
  std::optional<std::string> deployment;  // the dated API's; none on the v1 API
  std::string_view operation;             // "chat/completions", "embeddings" or "responses"
  bool dated = false;                     // needs api-version
};

std::optional<azure_call> parse_path(std::string_view path) {
  azure_call call;
  if (path.starts_with(v1_prefix)) {
    call.operation = path.substr(v1_prefix.size());
    if (call.operation == "responses") return call;
  } else if (path == dated_responses) {  // the Responses API of dated versions: model in the body
    call.operation = "responses";
    call.dated = true;
    return call;
  } else if (path.starts_with(deployments_prefix)) {
    path.remove_prefix(deployments_prefix.size());
    const auto slash = path.find('/');
    if (slash == 0 || slash == std::string_view::npos) return std::nullopt;
    call.deployment = std::string(path.substr(0, slash));
    call.operation = path.substr(slash + 1);
    call.dated = true;
  } else {
    return std::nullopt;
  }
  if (call.operation != "chat/completions" && call.operation != "embeddings") return std::nullopt;
  return call;
}

std::optional<std::string_view> api_version(std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    if (item.starts_with("api-version=")) return item.substr(12);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
  }
  return std::nullopt;
}

// Dated versions, GA ("2024-10-21") or preview ("2025-04-01-preview").
bool supported_version(std::string_view version) {
  static const std::regex dated(R"(\d{4}-\d{2}-\d{2}(-preview)?)");
  return std::regex_match(version.begin(), version.end(), dated);
}

// The key comes as api-key; the v1 API also takes it as a bearer token. "bad-key" is the wrong one.
bool unauthorized(const keygate::http_request& req, bool v1) {
  std::string_view key;
  if (auto it = req.find("api-key"); it != req.end())
    key = it->value();
  else if (auto auth = req.find(http::field::authorization);
           v1 && auth != req.end() && auth->value().starts_with("Bearer "))
    key = auth->value().substr(7);
  else
    return true;
  return key.empty() || key == "bad-key";
}

std::string azure_error_body(std::string_view code, std::string_view message) {
  json::object error{{"code", code}, {"message", message}};
  return json::serialize(json::object{{"error", std::move(error)}});
}

task<void> respond_azure(keygate::exchange& ex, int status, std::string_view code,
                         std::string_view message) {
  co_await ex.respond(static_cast<http::status>(status), azure_error_body(code, message));
}

// Azure's own bodies for 401, 404 and 429 ({"error":{"code","message"}}); other statuses look like
// OpenAI's.
task<void> send_azure_error(keygate::exchange& ex, int status, const fault_knobs& knobs) {
  if (status == 401)
    co_return co_await respond_azure(
        ex, 401, "401",
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
        "provide a valid key for an active subscription and use a correct regional API endpoint "
        "for your resource.");
  if (status == 404)
    co_return co_await respond_azure(ex, 404, "DeploymentNotFound",
                                     "The API deployment for this resource does not exist.");
  if (status != 429) co_return co_await send_openai_error(ex, status, knobs);
  const int seconds = knobs.retry_after.value_or(1);
  auto& headers = ex.extra_headers();
  headers.set("retry-after", std::to_string(seconds));
  headers.set("retry-after-ms", std::to_string(seconds * 1000));
  headers.set("x-ratelimit-remaining-requests", "0");
  headers.set("x-ratelimit-remaining-tokens", "0");
  const std::string message =
      "Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded token "
      "rate limit of your current OpenAI S0 pricing tier. Please retry after " +
      std::to_string(seconds) + " seconds.";
  co_await respond_azure(ex, 429, "429", message);
}

}  // namespace

task<void> azure_openai(keygate::exchange& ex) {
  const std::string_view target = ex.request().target();
  const auto call = parse_path(target.substr(0, target.find('?')));
  const bool post = ex.request().method() == http::verb::post;
  if (!call || !post) co_return co_await respond_azure(ex, 404, "404", "Resource not found");
  if (call->dated) {  // the dated API: no api-version, no resource
    const auto version = api_version(target);
    if (!version) co_return co_await respond_azure(ex, 404, "404", "Resource not found");
    if (!supported_version(*version))
      co_return co_await respond_azure(ex, 400, "BadRequest", "API version not supported");
  }
  if (unauthorized(ex.request(), !call->dated)) {
    const fault_knobs none;
    co_return co_await send_azure_error(ex, 401, none);
  }
  if (call->operation == "responses") co_return co_await openai_responses(ex, false);
  openai_flavor azure;
  azure.model = call->deployment;  // the deployment stands in for the model; "model" is ignored
  azure.check_bearer_key = false;
  azure.send_error = send_azure_error;
  azure.content_filters = true;
  if (call->operation == "embeddings") co_return co_await openai_embeddings(ex, azure);
  co_await openai_chat(ex, azure);
}

}  // namespace fake
