#include "anthropic_api.hpp"

#include <atomic>
#include <boost/json/parse.hpp>

#include "anthropic_answer.hpp"
#include "anthropic_errors.hpp"
#include "fake_io.hpp"
#include "last_request.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_id{1};

// The key comes as x-api-key or, from newer SDKs, as a bearer token. "bad-key" is the wrong one.
std::optional<std::string> key_problem(const keygate::http_request& req) {
  std::string_view key;
  if (auto it = req.find("x-api-key"); it != req.end()) {
    key = it->value();
  } else if (auto auth = req.find(http::field::authorization);
             auth != req.end() && auth->value().starts_with("Bearer ")) {
    key = auth->value().substr(7);
  } else {
    return "x-api-key header is required";
  }
  if (key.empty() || key == "bad-key") return "invalid x-api-key";
  return std::nullopt;
}

// Extended thinking: {type:"enabled",budget_tokens} with at least 1024 tokens, fewer than
// max_tokens (which includes the budget), {type:"adaptive"} (the model decides) or
// {type:"disabled"}.
std::optional<std::string> thinking_problem(const json::object& request, std::int64_t max_tokens) {
  auto thinking = request.find("thinking");
  if (thinking == request.end()) return std::nullopt;
  const auto* config = thinking->value().if_object();
  const auto* type = config ? config->if_contains("type") : nullptr;
  if (type && (*type == "disabled" || *type == "adaptive")) return std::nullopt;
  if (!type || *type != "enabled")
    return "thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'";
  const auto* budget = config->if_contains("budget_tokens");
  if (!budget || !budget->is_int64()) return "thinking.enabled.budget_tokens: Field required";
  if (budget->get_int64() < 1024)
    return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
  if (max_tokens <= budget->get_int64())
    return "`max_tokens` must be greater than `thinking.budget_tokens`.";
  return std::nullopt;
}

// What the API checks before anything else: a JSON object with model, max_tokens (not for a
// token count) and messages.
std::optional<std::string> shape_problem(const json::value& body, bool count = false) {
  if (!body.is_object()) return "The request body is not valid JSON.";
  const auto& request = body.get_object();
  auto model = request.find("model");
  if (model == request.end() || !model->value().is_string()) return "model: Field required";
  if (count) {
    auto messages = request.find("messages");
    if (messages == request.end() || !messages->value().is_array())
      return "messages: Field required";
    return std::nullopt;
  }
  auto max = request.find("max_tokens");
  if (max == request.end() || !(max->value().is_int64() || max->value().is_uint64()))
    return "max_tokens: Field required";
  auto messages = request.find("messages");
  if (messages == request.end() || !messages->value().is_array()) return "messages: Field required";
  for (const auto& message : messages->value().get_array())
    if (!message.is_object() || !message.get_object().contains("role") ||
        !message.get_object().contains("content"))
      return "messages: each message needs a role and a content";
  return thinking_problem(request, max->value().to_number<std::int64_t>());
}

bool wants_stream(const json::object& request) {
  auto it = request.find("stream");
  return it != request.end() && it->value().is_bool() && it->value().get_bool();
}

}  // namespace

task<void> anthropic_count_tokens(keygate::exchange& ex) {
  remember_request(ex.request().body());
  ex.extra_headers().set("request-id", "req_fake_" + std::to_string(next_id++));
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  const fault_knobs knobs;
  if (auto problem = key_problem(ex.request()))
    co_return co_await send_anthropic_error(ex, 401, *problem, knobs);
  if (ex.request().find("anthropic-version") == ex.request().end())
    co_return co_await send_anthropic_error(ex, 400, "anthropic-version: header is required",
                                            knobs);
  if (auto problem = ec ? std::optional<std::string>("The request body is not valid JSON.")
                        : shape_problem(body, true))
    co_return co_await send_anthropic_error(ex, 400, *problem, knobs);
  const auto words = input_words(body.get_object());
  co_await ex.respond(http::status::ok, R"({"input_tokens":)" + std::to_string(words) + "}");
}

task<void> anthropic_messages(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  ex.extra_headers().set("request-id", "req_fake_" + std::to_string(n));
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  const std::string model = !ec && body.is_object() && body.get_object().contains("model") &&
                                    body.get_object().at("model").is_string()
                                ? std::string(body.get_object().at("model").get_string())
                                : std::string();
  const auto knobs = read_knobs(ex.request(), model);
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  if (auto problem = key_problem(ex.request()))
    co_return co_await send_anthropic_error(ex, 401, *problem, knobs);
  if (ex.request().find("anthropic-version") == ex.request().end())
    co_return co_await send_anthropic_error(ex, 400, "anthropic-version: header is required",
                                            knobs);
  if (ec)
    co_return co_await send_anthropic_error(ex, 400, "The request body is not valid JSON.", knobs);
  co_await anthropic_reply(ex, body, knobs, n);
}

task<void> anthropic_reply(keygate::exchange& ex, const json::value& body, const fault_knobs& knobs,
                           std::uint64_t n) {
  if (auto problem = shape_problem(body))
    co_return co_await send_anthropic_error(ex, 400, *problem, knobs);
  if (knobs.status >= 400) co_return co_await send_anthropic_error(ex, knobs.status, "", knobs);

  const auto& request = body.get_object();
  const auto answer = plan_answer(request, "msg_fake_" + std::to_string(n), knobs.tokens);
  if (wants_stream(request)) {
    auto planned = stream_events(answer);
    if (knobs.malformed)
      planned.events.front() = "event: message_start\ndata: {\"type\": broken\n\n";
    keygate::http_fields fields;
    fields.set(http::field::content_type, "text/event-stream; charset=utf-8");
    fields.set(http::field::cache_control, "no-cache");
    co_return co_await send_events(ex, planned.events, planned.first_content, answer.tokens, knobs,
                                   std::move(fields));
  }
  std::string whole = message_json(answer);
  if (knobs.malformed) whole = R"({"id":"msg_broken","type":"message","content":[)";
  co_await send_whole(ex, std::move(whole), knobs);
}

}  // namespace fake
