// Who may call keygate and how much: virtual keys, teams, their limits and budgets, and where the
// shared counters and the spend ledger live. Filled from the config file and the admin API.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace keygate {

// Per-minute request and token rates and concurrent requests; 0 means no limit.
struct rate_limits {
  std::int64_t rpm = 0;
  std::int64_t tpm = 0;
  std::int64_t max_parallel = 0;

  bool any() const { return rpm > 0 || tpm > 0 || max_parallel > 0; }
};

enum class budget_period { daily, weekly, monthly, total };

struct budget {
  std::int64_t limit_nanos = 0;  // USD × 1e9
  budget_period period = budget_period::total;
};

// A budget of `usd` in nanodollars, for 0 to nine billion dollars (beyond, the nanodollars no
// longer fit in 64 bits); nothing for any other amount, NaN included.
inline std::optional<std::int64_t> budget_nanos(double usd) {
  if (!(usd >= 0 && usd <= 9e9)) return std::nullopt;
  return std::llround(usd * 1e9);
}

struct team {
  std::string id;
  std::vector<std::string> models;  // model groups its keys may use; empty: all
  rate_limits limits;
  std::optional<keygate::budget> budget;
  bool from_config = false;

  bool allows(std::string_view model) const;
};

// What each end user under one key may take (docs/access.md#end-users): the key's own limits
// still apply to them all together.
struct end_user_limits {
  rate_limits limits;
  std::optional<keygate::budget> budget;

  bool any() const { return limits.any() || budget.has_value(); }
};

// A client's key. Only the SHA-256 of its secret is ever kept.
struct virtual_key {
  std::string id;                   // public: safe for logs, metrics and the admin API
  std::string hash;                 // hex SHA-256 of the secret
  std::string alias;                // the owner's name for it
  std::vector<std::string> models;  // model groups it may use; empty: all
  rate_limits limits;
  std::map<std::string, rate_limits> model_limits;  // per model group, on top of `limits`
  std::optional<keygate::budget> budget;
  end_user_limits per_end_user;            // for each end user of this key, apart
  std::optional<std::int64_t> expires_ms;  // unix ms
  std::string team;
  bool revoked = false;
  bool from_config = false;
  std::int64_t created_ms = 0;

  bool allows(std::string_view model) const;
  bool expired(std::int64_t now_ms) const { return expires_ms && now_ms >= *expires_ms; }
};

struct auth_options {
  std::string master_key_hash;  // hex SHA-256; empty: no admin API
  std::vector<virtual_key> keys;
  std::vector<team> teams;
  // A request header naming the end user below the key, checked before Open WebUI's forwarded
  // user headers and OpenAI's `user` field; empty: none.
  std::string end_user_header;

  bool enabled() const { return !master_key_hash.empty() || !keys.empty(); }
};

struct redis_options {
  std::string host;  // empty: counters stay in this process
  int port = 6379;
  std::string password;
  int database = 0;
  std::chrono::milliseconds timeout{250};
  bool fail_open = true;  // Redis unreachable: admit (true) or refuse with 503 (false)
  std::string prefix = "keygate";

  bool enabled() const { return !host.empty(); }
};

// A PostgreSQL server for the ledger, shared by several instances.
struct postgres_options {
  std::string url;  // postgresql://user@host:port/dbname?params (no password in it)
  std::string host;
  int port = 5432;
  std::string dbname = "keygate";
  std::string user;
  std::string password;  // read from the variable password_env names; never logged
  std::chrono::milliseconds timeout{2000};  // connect or statement beyond this: PostgreSQL is down

  bool enabled() const { return !url.empty() || !host.empty(); }
};

struct ledger_settings {
  std::string path;  // empty: no ledger
  // When set, the spend records go to PostgreSQL; `path` keeps stored Responses answers.
  postgres_options postgres;
  // PostgreSQL unreachable or slow: serve (records wait in the spool) or refuse with 503.
  bool refuse_on_failure = false;
  std::string spool_path;  // where records wait while PostgreSQL is away (one per instance)
  int retention_days = 0;  // PostgreSQL rows older than this are deleted; 0 keeps them
  // How long a stored Responses answer (store: true) can be read and continued from.
  int response_retention_days = 30;
};

}  // namespace keygate
