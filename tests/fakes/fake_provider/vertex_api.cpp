#include "vertex_api.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <mutex>

#include "anthropic_api.hpp"
#include "fake_io.hpp"
#include "gemini_api.hpp"
#include "google_token_api.hpp"
#include "last_request.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::mutex path_mutex;
std::string last_path;
std::atomic<std::uint64_t> next_id{1};

struct vertex_target {
  std::string publisher;
  std::string model;
  std::string method;
};

std::string_view next_segment(std::string_view& path) {
  auto slash = path.find('/');
  auto segment = path.substr(0, slash);
  path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
  return segment;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// {version}/projects/{p}/locations/{l}/publishers/{publisher}/models/{model}:{method}
std::optional<vertex_target> parse_target(std::string_view path) {
  if (!path.starts_with("/")) return std::nullopt;
  path.remove_prefix(1);
  const auto version = next_segment(path);
  if (version != "v1" && version != "v1beta1") return std::nullopt;
  for (std::string_view expected : {"projects", "", "locations", "", "publishers"}) {
    auto segment = next_segment(path);
    if (segment.empty() || (!expected.empty() && segment != expected)) return std::nullopt;
  }
  vertex_target target;
  target.publisher = next_segment(path);
  if (next_segment(path) != "models") return std::nullopt;
  auto colon = path.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || path.find('/') != std::string_view::npos)
    return std::nullopt;
  target.model = percent_decoded(path.substr(0, colon));
  target.method = path.substr(colon + 1);
  return target;
}

task<void> google_error(keygate::exchange& ex, http::status status, std::string_view message,
                        std::string_view state) {
  const json::object error{
      {"code", static_cast<int>(status)}, {"message", message}, {"status", state}};
  const json::object body{{"error", error}};
  co_await ex.respond(status, json::serialize(body));
}

bool authorized(const keygate::http_request& request) {
  auto auth = request.find(http::field::authorization);
  if (auth == request.end() || !auth->value().starts_with("Bearer ")) return false;
  return google_token_valid(auth->value().substr(7));
}

task<void> claude_on_vertex(keygate::exchange& ex, const vertex_target& target) {
  remember_request(ex.request().body());
  const auto knobs = read_knobs(ex.request(), target.model);
  const bool stream = target.method == "streamRawPredict";
  if (!stream && target.method != "rawPredict")
    co_return co_await google_error(ex, http::status::not_found, "Method not found.", "NOT_FOUND");
  boost::system::error_code ec;
  auto body = parse_request_json(ex.request().body(), ec);
  auto* request = !ec ? body.if_object() : nullptr;
  if (!request)
    co_return co_await google_error(ex, http::status::bad_request, "Invalid JSON payload.",
                                    "INVALID_ARGUMENT");
  // Vertex names the API version in the body ("vertex-2023-10-16"; newer SDKs send a dated one).
  const auto* version = request->if_contains("anthropic_version");
  if (!version || !version->is_string() || version->get_string().empty())
    co_return co_await google_error(ex, http::status::bad_request,
                                    "anthropic_version: Field required", "INVALID_ARGUMENT");
  if (request->contains("model"))
    co_return co_await google_error(ex, http::status::bad_request,
                                    "model: Extra inputs are not permitted", "INVALID_ARGUMENT");
  const auto* streams = request->if_contains("stream");
  if (stream != (streams && *streams == true))
    co_return co_await google_error(ex, http::status::bad_request,
                                    "stream must be true for streamRawPredict and only for it",
                                    "INVALID_ARGUMENT");
  (*request)["model"] = target.model;  // the Messages answer names its model
  co_await anthropic_reply(ex, body, knobs, next_id++);
}

}  // namespace

bool is_vertex_path(std::string_view path) {
  return parse_target(path).has_value();
}

task<void> vertex_predict(keygate::exchange& ex) {
  std::string_view full = ex.request().target();
  const auto path = full.substr(0, full.find('?'));
  const auto target = parse_target(path);
  {
    const std::lock_guard lock(path_mutex);
    last_path = path;
  }
  if (!authorized(ex.request()))
    co_return co_await google_error(
        ex, http::status::unauthorized,
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
        "cookie or other valid authentication credential.",
        "UNAUTHENTICATED");
  if (target->publisher == "google")
    co_return co_await gemini_generate_for(ex, target->model, target->method, false);
  if (target->publisher == "anthropic") co_return co_await claude_on_vertex(ex, *target);
  co_await google_error(ex, http::status::not_found, "Publisher model not found.", "NOT_FOUND");
}

task<void> vertex_control(keygate::exchange& ex) {
  std::string_view target = ex.request().target();
  const auto query = target.substr(std::min(target.size(), target.find('?') + 1));
  if (ex.request().method() == http::verb::post) {
    if (query.find("revoke=1") != std::string_view::npos) google_revoke_tokens();
    if (auto at = query.find("token_lifetime="); at != std::string_view::npos)
      google_set_token_lifetime(std::stol(std::string(query.substr(at + 15))));
  }
  std::string path;
  {
    const std::lock_guard lock(path_mutex);
    path = last_path;
  }
  const json::object answer{{"last_path", path}, {"token_exchanges", google_token_exchanges()}};
  co_await ex.respond(http::status::ok, json::serialize(answer));
}

}  // namespace fake
