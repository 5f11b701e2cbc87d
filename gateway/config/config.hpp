// keygate's configuration: what the YAML file says, validated and with secrets resolved.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/config/access_options.hpp"
#include "gateway/config/cache_options.hpp"
#include "gateway/config/endpoint.hpp"
#include "gateway/config/image_options.hpp"
#include "gateway/config/price_memo.hpp"
#include "gateway/config/server_options.hpp"
#include "gateway/config/token_prices.hpp"
#include "gateway/config/upstream_options.hpp"
#include "gateway/config/vertex_options.hpp"

namespace keygate {

struct mock_options {
  std::string reply;      // empty: echo the last user message
  millis token_delay{0};  // between streamed tokens
};

// AWS Signature Version 4 credentials (docs/bedrock.md#signing-request_signingcpp-sigv4cpp), for
// providers that sign with them.
struct aws_signing {
  std::string region;
  std::string access_key_id;
  std::string secret_access_key;  // a secret: never logged, never returned
  std::string session_token;      // a secret; temporary credentials only
  bool enabled() const { return !access_key_id.empty() && !secret_access_key.empty(); }
};

// One upstream that can serve a public model name.
struct deployment {
  std::string id;        // unique, safe for logs, headers and metric labels: "<group>" or its name
  std::string provider;  // a registered provider name
  std::string model;     // the model name the provider knows
  std::string api_base;
  std::string api_key;      // a secret: never logged, never returned
  std::string api_version;  // Azure OpenAI's api-version; empty selects Azure's v1 API
  aws_signing aws;          // Bedrock: signs requests when set and no api_key (bearer) is given
  vertex_options vertex;    // Vertex AI: project, location, publisher and credentials
  upstream_timeouts timeouts;
  std::optional<upstream_endpoint> endpoint;  // parsed api_base, absent for local providers
  mock_options mock;
  // The model reasons: reasoning_effort goes up as the provider's thinking switch and the model's
  // thinking comes back as reasoning_content (translators that can: anthropic, gemini, mistral,
  // ollama).
  bool reasoning = false;
  // Every parameter the provider's translator would drop is refused with a 400 instead
  // (docs/mapping.md#unsupported-parameters): nothing reaches the upstream that the client did not
  // fully get.
  bool strict = false;
  // Azure OpenAI: the deployment offers the Responses API, so /v1/responses requests go up as they
  // are (docs/front-doors.md#native-attempts); without it they are translated to chat completions.
  bool responses = false;
  // false: the upstream's certificate is not checked (a self-signed in-house server); only ever
  // set per deployment and explicitly, and warned about at every start and reload.
  bool tls_verify = true;
  int weight = 1;      // weighted strategy: share of the traffic
  int priority = 0;    // priority strategy: lower goes first
  rate_limits limits;  // this deployment's own rpm, tpm and concurrency, shared by all keys
  // USD per million tokens; overrides the built-in price table (docs/pricing.md).
  std::optional<token_prices> price;
  // With no price known, keys and teams with a budget may still use it, uncounted (docs/access.md).
  bool allow_unpriced = false;
  // Anthropic: keygate places cache_control breakpoints on the prompt's stable prefix
  // (docs/anthropic.md#automatic-prompt-caching).
  bool auto_cache = false;
  // What price_for found in the price tables, so that each request need not search them again.
  price_memo found_price;
};

enum class balance_strategy { weighted, least_inflight, lowest_latency, priority, cost };

// A public model name and the deployments that serve it.
struct model_group {
  std::string name;  // what clients send as "model"
  std::vector<deployment> deployments;
  balance_strategy strategy = balance_strategy::weighted;
  int retries = 0;                                    // after the first attempt, within this group
  std::vector<std::string> fallbacks;                 // other groups, once retries are spent
  std::vector<std::string> context_window_fallbacks;  // when the prompt is too long
  std::vector<std::string> content_policy_fallbacks;  // when the provider refuses the content
  group_cache_options cache;                          // the response cache (docs/caching.md)
  // USD: deployments whose price for a request's estimated tokens is higher (or unknown) are not
  // used for it (docs/routing.md#cost).
  std::optional<double> max_price;
};

struct cooldown_options {
  int failures = 3;  // failures within the window that bench a deployment
  millis window{60'000};
  millis period{30'000};  // how long it stays out before one probe request
};

struct router_options {
  int retries = 2;  // default for groups that do not say
  millis backoff_base{100};
  millis backoff_max{2'000};
  millis retry_after_cap{10'000};       // a longer upstream retry-after is not waited for
  millis max_request_timeout{600'000};  // the most a client's x-keygate-timeout may ask
  cooldown_options cooldown;
};

struct log_options {
  std::string level = "info";  // trace, debug, info, warn, error, off
  bool access_log = true;
  std::string file;  // empty: standard output
};

// Where /metrics is served (docs/metrics.md).
struct metrics_options {
  bool enabled = true;
  // Set: /metrics is served on this port only (0: any free one), not on the main port.
  std::optional<std::uint16_t> port;
  std::string host;  // of the separate port; empty: server.host
  bool require_master_key = false;
};

// The web console at / (docs/console.md): its conversations, sessions and preferences in SQLite.
struct console_options {
  bool enabled = true;
  std::string path;  // default: keygate-console.db beside the config file
};

struct config {
  std::string source;
  server_options server;
  upstream_options upstream;
  log_options log;
  metrics_options metrics;
  router_options router;
  std::vector<model_group> models;
  auth_options auth;
  redis_options redis;
  ledger_settings ledger;
  image_options images;
  console_options console;
  response_cache_options cache;
  // A price override file (`keygate prices import`), resolved against the config's folder; empty:
  // none. Read at startup.
  std::string prices_file;
  // "file:line: field: ..." for settings that were read but have no effect (shown at startup).
  std::vector<std::string> notices;

  const model_group* find_model(std::string_view name) const;
};

// Every problem found, each as "file:line: field: what is wrong".
class config_error : public std::runtime_error {
 public:
  explicit config_error(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

config load_config_file(const std::string& path);
config parse_config(std::string_view yaml, const std::string& source_name);

}  // namespace keygate
