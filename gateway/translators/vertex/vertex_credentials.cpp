#include "gateway/translators/vertex/vertex_credentials.hpp"

#include <map>
#include <mutex>

#include "gateway/base/key_hash.hpp"
#include "gateway/upstream/google_auth/token_cache.hpp"
#include "gateway/upstream/google_auth/token_exchange.hpp"

namespace keygate::vertex {

namespace {

namespace http = boost::beast::http;

// The token endpoint gets its own short bound, whatever the model's timeouts are.
constexpr std::chrono::milliseconds exchange_total{30'000};

struct service_account_tokens {
  std::optional<google_auth::service_account> account;
  std::string problem;  // the key could not be read: names fields, never values
  google_auth::token_cache tokens;
};

// One entry per service account key, shared by every worker and kept across reloads.
std::shared_ptr<service_account_tokens> tokens_for(const std::string& key_json) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<service_account_tokens>> by_key;
  const auto id = sha256_hex(key_json);
  const std::lock_guard lock(mutex);
  auto& entry = by_key[id];
  if (!entry) {
    entry = std::make_shared<service_account_tokens>();
    auto read = google_auth::read_service_account(key_json);
    entry->account = std::move(read.account);
    entry->problem = std::move(read.problem);
  }
  return entry;
}

// Keeps the entry alive in its own frame for as long as the exchange runs.
task<google_auth::fetched_token> exchange(upstream_client& client,
                                          std::shared_ptr<service_account_tokens> entry,
                                          upstream_timeouts timeouts) {
  co_return co_await google_auth::exchange_assertion(client, *entry->account, timeouts);
}

openai_error cannot_authenticate(const deployment& target, const std::string& why) {
  return {401, "Deployment '" + target.id + "' could not authenticate to Vertex AI: " + why + ".",
          std::string(error_type_for_status(401)), std::nullopt,
          std::string("upstream_authentication_failed")};
}

void set_bearer(upstream_request& request, const std::string& token) {
  request.headers.set(http::field::authorization, "Bearer " + token);
}

}  // namespace

task<granted_credential> vertex_credentials::authorize(attempt_call& call,
                                                       upstream_request& request) const {
  const auto& options = call.target.vertex;
  if (!options.access_token.empty()) {
    set_bearer(request, options.access_token);
    co_return granted_credential{options.access_token, std::nullopt};
  }
  auto entry = tokens_for(options.service_account_json);
  if (!entry->account)
    co_return granted_credential{{}, cannot_authenticate(call.target, entry->problem)};
  upstream_timeouts timeouts = call.timeouts;
  timeouts.total = std::min(timeouts.total, exchange_total);
  auto* client = &call.upstream;
  const google_auth::token_cache::fetcher fetch = [client, entry, timeouts]() {
    return exchange(*client, entry, timeouts);
  };
  auto executor = call.executor;
  auto token = co_await entry->tokens.get(executor, fetch);
  if (token.value.empty())
    co_return granted_credential{{}, cannot_authenticate(call.target, token.problem)};
  set_bearer(request, token.value);
  co_return granted_credential{std::move(token.value), std::nullopt};
}

openai_error vertex_credentials::refused(const deployment& target, const std::string& credential,
                                         openai_error upstream) const {
  const auto& options = target.vertex;
  std::string why;
  if (!options.access_token.empty()) {
    why = "the access token from " + options.credentials_source + " was refused";
  } else {
    tokens_for(options.service_account_json)->tokens.refused(credential);
    why = "its access token was refused (the next request fetches a new one)";
  }
  auto error = cannot_authenticate(target, why);
  if (!upstream.message.empty()) error.message += " Vertex AI said: " + upstream.message;
  return error;
}

}  // namespace keygate::vertex
