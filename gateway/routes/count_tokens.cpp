// POST /v1/messages/count_tokens: Anthropic's own count when an Anthropic deployment serves the
// model (the client's body goes to its /v1/messages/count_tokens, only the model changed), an
// estimate elsewhere, marked by x-keygate-token-count: estimated
// (docs/front-doors.md#counting-tokens). Nothing is spent: no limits are taken and the ledger has
// no row; the access log has a line.
#include <boost/json/parse.hpp>

#include "gateway/base/secret_scrub.hpp"
#include "gateway/doors/anthropic/client_headers.hpp"
#include "gateway/doors/anthropic/messages_error.hpp"
#include "gateway/doors/anthropic/messages_request.hpp"
#include "gateway/doors/anthropic/token_estimate.hpp"
#include "gateway/doors/common/model_field.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/routes/routes.hpp"
#include "gateway/translators/anthropic/count_tokens_request.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate {

namespace {

constexpr std::size_t max_count_answer = std::size_t{64} * 1024;

// How the count went, for the access log line.
struct count_outcome {
  int status = 0;
  std::string model;
  const deployment* asked = nullptr;  // the Anthropic deployment that counted, if any
  std::int64_t input_tokens = 0;
  bool estimate = false;
  std::string error;
};

const deployment* anthropic_deployment(const routed_group& group) {
  for (const auto& d : group.deployments)
    if (d.config->provider == "anthropic" && d.config->endpoint) return d.config;
  return nullptr;
}

task<void> refuse(exchange& ex, const openai_error& error, count_outcome& outcome) {
  outcome.status = error.status;
  outcome.error = error.code.value_or(error.type);
  co_await ex.respond(static_cast<http::status>(error.status), doors::anthropic::error_body(error));
}

task<void> answer_estimate(exchange& ex, std::string_view canonical, count_outcome& outcome) {
  outcome.status = 200;
  outcome.estimate = true;
  outcome.input_tokens = doors::anthropic::estimate_input_tokens(canonical);
  ex.extra_headers().set("x-keygate-token-count", "estimated");
  co_await ex.respond(http::status::ok,
                      R"({"input_tokens":)" + std::to_string(outcome.input_tokens) + "}");
}

// Anthropic's answer, relayed with its status; false when it could not be had at all.
task<bool> ask_anthropic(exchange& ex, worker_services& services, const deployment& target,
                         count_outcome& outcome) {
  client_body client;
  const auto model = doors::find_model_value(ex.request().body());
  if (!model) co_return false;
  client.body = ex.request().body();
  client.model_value = *model;
  client.forward_headers = doors::anthropic::forwarded_headers(ex.request());
  const auto request = anthropic::count_tokens_request(target, client);
  auto sent = co_await services.upstream.send(*target.endpoint, request, target.timeouts);
  if (!sent.response) co_return false;
  std::string body;
  const bool whole = co_await sent.response->read_all(body);
  if (!whole || body.size() > max_count_answer) co_return false;
  const int status = static_cast<int>(sent.response->status());
  if (status == 200) {
    boost::json::error_code ec;
    const auto parsed = boost::json::parse(body, ec);
    if (ec || !parsed.is_object()) co_return false;
    outcome.input_tokens = json_fields::count_at(parsed.get_object(), "input_tokens");
  } else {
    outcome.error = "upstream_" + std::to_string(status);
    body = scrub_secret(body, target.api_key);
  }
  outcome.asked = &target;
  outcome.status = status;
  co_await ex.respond(static_cast<http::status>(outcome.status), std::move(body));
  co_return true;
}

task<void> count(exchange& ex, worker_services& services, const caller& who,
                 count_outcome& outcome) {
  auto reading = doors::anthropic::read_messages_request(
      ex.request().body(), doors::anthropic::messages_body::count_tokens);
  if (auto* error = std::get_if<openai_error>(&reading))
    co_return co_await refuse(ex, *error, outcome);
  const auto& read = std::get<doors::anthropic::messages_reading>(reading);
  outcome.model = read.model;
  const auto table = services.store.current();
  const auto* group = table->find(read.model);
  if (!group || !who.allows(read.model)) {
    const auto unknown = model_not_found(read.model);
    co_return co_await refuse(ex, unknown, outcome);
  }
  if (const auto* target = anthropic_deployment(*group))
    if (co_await ask_anthropic(ex, services, *target, outcome)) co_return;
  co_await answer_estimate(ex, read.canonical, outcome);
}

void log_count(const exchange& ex, const caller& who, const count_outcome& outcome) {
  if (!access_log_enabled()) return;
  auto line = start_access_line();
  line.field("request_id", ex.request_id())
      .field("route", "messages.count_tokens")
      .field("model", outcome.model);
  if (who.key)
    line.field("key", who.key->id);
  else
    line.null_field("key");
  if (outcome.asked)
    line.field("deployment", outcome.asked->id).field("provider", outcome.asked->provider);
  else
    line.null_field("deployment").null_field("provider");
  line.field("status", outcome.status)
      .field("input_tokens", outcome.input_tokens)
      .field("estimate", outcome.estimate)
      .field("total_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - ex.started_at())
                             .count());
  if (!outcome.error.empty()) line.field("error", outcome.error);
  log_access(std::move(line));
}

}  // namespace

task<void> handle_count_tokens(exchange& ex, worker_services& services, const caller& who) {
  ex.extra_headers().set("request-id", ex.request_id());
  count_outcome outcome;
  co_await count(ex, services, who, outcome);
  log_count(ex, who, outcome);
}

}  // namespace keygate
