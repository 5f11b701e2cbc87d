#include "gemini_api.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/json/parse.hpp>

#include "fake_io.hpp"
#include "gemini_answer.hpp"
#include "gemini_errors.hpp"
#include "last_request.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_id{1};

// Top-level request fields Google knows, in both spellings; any other one is a 400.
constexpr std::array<std::string_view, 14> known_fields{"contents",
                                                        "systemInstruction",
                                                        "system_instruction",
                                                        "tools",
                                                        "toolConfig",
                                                        "tool_config",
                                                        "generationConfig",
                                                        "generation_config",
                                                        "safetySettings",
                                                        "safety_settings",
                                                        "cachedContent",
                                                        "cached_content",
                                                        "labels",
                                                        "model"};

// The value of `name` in a query string, or nothing.
std::optional<std::string_view> query_value(std::string_view target, std::string_view name) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    if (item.starts_with(name) && item.size() > name.size() && item[name.size()] == '=')
      return item.substr(name.size() + 1);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
  }
  return std::nullopt;
}

struct call_target {
  std::string model;
  std::string method;  // generateContent or streamGenerateContent
};

std::optional<call_target> parse_target(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  constexpr std::string_view prefix = "/v1beta/models/";
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  auto colon = path.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  return call_target{std::string(path.substr(0, colon)), std::string(path.substr(colon + 1))};
}

// Google answers a missing key with 403 and a wrong one with 400 API_KEY_INVALID.
std::optional<int> key_problem(const keygate::http_request& req) {
  std::optional<std::string_view> key;
  if (auto it = req.find("x-goog-api-key"); it != req.end())
    key = it->value();
  else
    key = query_value(req.target(), "key");
  if (!key) return 403;
  if (key->empty() || *key == "bad-key") return 400;
  return std::nullopt;
}

std::optional<std::string> shape_problem(const json::value& body) {
  if (!body.is_object()) return "Invalid JSON payload received.";
  const auto& request = body.get_object();
  for (const auto& field : request)
    if (std::find(known_fields.begin(), known_fields.end(), field.key()) == known_fields.end())
      return "Invalid JSON payload received. Unknown name \"" + std::string(field.key()) +
             "\": Cannot find field.";
  auto contents = request.find("contents");
  if (contents == request.end() || !contents->value().is_array() ||
      contents->value().get_array().empty())
    return "* GenerateContentRequest.contents: contents is not specified";
  for (const auto& content : contents->value().get_array()) {
    if (!content.is_object()) return "* GenerateContentRequest.contents: must be objects";
    const auto& turn = content.get_object();
    if (auto role = turn.find("role"); role != turn.end() && role->value().is_string() &&
                                       role->value().get_string() != "user" &&
                                       role->value().get_string() != "model")
      return "Please use a valid role: user, model.";
    auto parts = turn.find("parts");
    if (parts == turn.end() || !parts->value().is_array() || parts->value().get_array().empty())
      return "* GenerateContentRequest.contents.parts: contents.parts must not be empty.";
  }
  return std::nullopt;
}

}  // namespace

task<void> gemini_generate(keygate::exchange& ex) {
  const auto target = parse_target(ex.request().target());
  const std::string model = target ? target->model : std::string();
  const std::string method = target ? target->method : std::string();
  co_await gemini_generate_for(ex, model, method, true);
}

task<void> gemini_generate_for(keygate::exchange& ex, const std::string& model,
                               const std::string& method, bool check_api_key) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  const bool stream = method == "streamGenerateContent";
  const auto knobs = read_knobs(ex.request(), model);
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  if (model.empty() || (!stream && method != "generateContent"))
    co_return co_await send_gemini_error(ex, 404, "Method not found.", knobs);
  if (auto problem = check_api_key ? key_problem(ex.request()) : std::nullopt) {
    if (*problem == 400) co_return co_await send_gemini_bad_key(ex);
    co_return co_await send_gemini_error(
        ex, 403, "Method doesn't allow unregistered callers. Please use an API key.", knobs);
  }
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  if (auto problem =
          ec ? std::optional<std::string>("Invalid JSON payload received.") : shape_problem(body))
    co_return co_await send_gemini_error(ex, 400, *problem, knobs);
  if (knobs.status >= 400) co_return co_await send_gemini_error(ex, knobs.status, "", knobs);

  const auto answer =
      plan_gemini_answer(body.get_object(), "fake_" + std::to_string(n), model, knobs.tokens);
  if (!stream) {
    std::string whole = gemini_response_json(answer);
    if (knobs.malformed) whole = R"({"candidates":[{"content":)";
    co_return co_await send_whole(ex, std::move(whole), knobs);
  }
  auto planned = gemini_stream_chunks(answer);
  if (knobs.malformed) planned.events.front() = "data: {\"candidates\": broken\r\n\r\n";
  if (query_value(ex.request().target(), "alt") != std::optional<std::string_view>("sse")) {
    // Without alt=sse Google streams one JSON array of the same responses.
    std::string array = "[";
    for (const auto& event : planned.events) {
      if (array.size() > 1) array += ",\r\n";
      array += event.substr(6, event.size() - 10);
    }
    co_return co_await send_whole(ex, array + "]", knobs);
  }
  keygate::http_fields fields;
  fields.set(http::field::content_type, "text/event-stream");
  fields.set(http::field::cache_control, "no-cache");
  co_await send_events(ex, planned.events, planned.first_content, answer.tokens, knobs,
                       std::move(fields));
}

}  // namespace fake
