#include "gateway/accounting/ledger_schema.hpp"

#include <sqlite3.h>

#include <iterator>
#include <stdexcept>
#include <string>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

namespace {

// Append-only: migration i takes a file from user_version i to i + 1. Never edit one that has
// shipped; add the next one at the end.
constexpr const char* migrations[] = {
    // 1: one row per finished request.
    R"sql(
      CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        key_id TEXT NOT NULL,
        team TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        model TEXT NOT NULL,
        deployment TEXT NOT NULL,
        provider TEXT NOT NULL,
        status INTEGER NOT NULL,
        error_code TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cached_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        usage_known INTEGER NOT NULL,
        cost_nanos INTEGER,
        latency_ms REAL NOT NULL,
        stream INTEGER NOT NULL,
        client_gone INTEGER NOT NULL
      );
      CREATE INDEX requests_by_key_time ON requests (key_id, time_ms);
      CREATE INDEX requests_by_time ON requests (time_ms);
    )sql",
    // 2: the timings and attempts a request's answer shows, and lookups by request id (the
    // console fills a message's figures from its request's row).
    R"sql(
      ALTER TABLE requests ADD COLUMN ttft_ms REAL;
      ALTER TABLE requests ADD COLUMN overhead_ms REAL NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX requests_by_request_id ON requests (request_id);
    )sql",
    // 3: the end user below the key, and answers from the response cache with what they saved.
    R"sql(
      ALTER TABLE requests ADD COLUMN end_user TEXT NOT NULL DEFAULT '';
      ALTER TABLE requests ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN saved_nanos INTEGER;
    )sql",
    // 4: the admin pages. The tries behind an answer; an index for each filter of the requests
    // page, newest first; and spend by UTC day (days since 1970-01-01), by route (model, provider,
    // deployment) and by key (key, team), kept by a trigger so a month of daily spend reads a few
    // thousand rows, not a million. The two stay small because each leaves the other's dimensions
    // out.
    R"sql(
      ALTER TABLE requests ADD COLUMN attempt_log TEXT;
      CREATE INDEX requests_by_model_time ON requests (model, time_ms);
      CREATE INDEX requests_by_deployment_time ON requests (deployment, time_ms);
      CREATE INDEX requests_by_status_time ON requests (status, time_ms);
      CREATE INDEX requests_by_team_time ON requests (team, time_ms);
      CREATE INDEX requests_by_end_user_time ON requests (end_user, time_ms);
      CREATE TABLE spend_daily_routes (
        day INTEGER NOT NULL,
        model TEXT NOT NULL,
        provider TEXT NOT NULL,
        deployment TEXT NOT NULL,
        requests INTEGER NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cached_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        cost_nanos INTEGER NOT NULL,
        unknown_cost_requests INTEGER NOT NULL,
        PRIMARY KEY (day, model, provider, deployment)
      ) WITHOUT ROWID;
      CREATE TABLE spend_daily_keys (
        day INTEGER NOT NULL,
        key_id TEXT NOT NULL,
        team TEXT NOT NULL,
        requests INTEGER NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cached_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        cost_nanos INTEGER NOT NULL,
        unknown_cost_requests INTEGER NOT NULL,
        PRIMARY KEY (day, key_id, team)
      ) WITHOUT ROWID;
      INSERT INTO spend_daily_routes
        SELECT time_ms / 86400000, model, provider, deployment, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),
               SUM(cached_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
               COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL)
        FROM requests GROUP BY 1, 2, 3, 4;
      INSERT INTO spend_daily_keys
        SELECT time_ms / 86400000, key_id, team, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),
               SUM(cached_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens),
               COALESCE(SUM(cost_nanos), 0), SUM(cost_nanos IS NULL)
        FROM requests GROUP BY 1, 2, 3;
      CREATE TRIGGER requests_into_spend_daily AFTER INSERT ON requests BEGIN
        INSERT INTO spend_daily_routes VALUES (
          NEW.time_ms / 86400000, NEW.model, NEW.provider, NEW.deployment, 1, NEW.prompt_tokens, NEW.completion_tokens, NEW.cached_tokens,
          NEW.cache_write_tokens, NEW.reasoning_tokens, COALESCE(NEW.cost_nanos, 0),
          NEW.cost_nanos IS NULL)
        ON CONFLICT (day, model, provider, deployment) DO UPDATE SET
          requests = requests + 1,
          prompt_tokens = prompt_tokens + excluded.prompt_tokens,
          completion_tokens = completion_tokens + excluded.completion_tokens,
          cached_tokens = cached_tokens + excluded.cached_tokens,
          cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
          reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
          cost_nanos = cost_nanos + excluded.cost_nanos,
          unknown_cost_requests = unknown_cost_requests + excluded.unknown_cost_requests;
        INSERT INTO spend_daily_keys VALUES (
          NEW.time_ms / 86400000, NEW.key_id, NEW.team, 1, NEW.prompt_tokens, NEW.completion_tokens, NEW.cached_tokens,
          NEW.cache_write_tokens, NEW.reasoning_tokens, COALESCE(NEW.cost_nanos, 0),
          NEW.cost_nanos IS NULL)
        ON CONFLICT (day, key_id, team) DO UPDATE SET
          requests = requests + 1,
          prompt_tokens = prompt_tokens + excluded.prompt_tokens,
          completion_tokens = completion_tokens + excluded.completion_tokens,
          cached_tokens = cached_tokens + excluded.cached_tokens,
          cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
          reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
          cost_nanos = cost_nanos + excluded.cost_nanos,
          unknown_cost_requests = unknown_cost_requests + excluded.unknown_cost_requests;
      END;
    )sql",
    // 5: what the caches saved, in the daily tables too: answers from the response cache and the
    // sum of saved_nanos (a hit's original cost, or a prompt cache's net saving).
    R"sql(
      ALTER TABLE spend_daily_routes ADD COLUMN cache_hits INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE spend_daily_routes ADD COLUMN saved_nanos INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE spend_daily_keys ADD COLUMN cache_hits INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE spend_daily_keys ADD COLUMN saved_nanos INTEGER NOT NULL DEFAULT 0;
      UPDATE spend_daily_routes SET cache_hits = t.hits, saved_nanos = t.saved
        FROM (SELECT time_ms / 86400000 AS day, model, provider, deployment, SUM(cache_hit) AS hits,
                     COALESCE(SUM(saved_nanos), 0) AS saved
              FROM requests WHERE cache_hit != 0 OR saved_nanos IS NOT NULL GROUP BY 1, 2, 3, 4) AS t
        WHERE spend_daily_routes.day = t.day AND spend_daily_routes.model = t.model
          AND spend_daily_routes.provider = t.provider
          AND spend_daily_routes.deployment = t.deployment;
      UPDATE spend_daily_keys SET cache_hits = t.hits, saved_nanos = t.saved
        FROM (SELECT time_ms / 86400000 AS day, key_id, team, SUM(cache_hit) AS hits,
                     COALESCE(SUM(saved_nanos), 0) AS saved
              FROM requests WHERE cache_hit != 0 OR saved_nanos IS NOT NULL GROUP BY 1, 2, 3) AS t
        WHERE spend_daily_keys.day = t.day AND spend_daily_keys.key_id = t.key_id
          AND spend_daily_keys.team = t.team;
      DROP TRIGGER requests_into_spend_daily;
      CREATE TRIGGER requests_into_spend_daily AFTER INSERT ON requests BEGIN
        INSERT INTO spend_daily_routes (day, model, provider, deployment, requests, prompt_tokens,
            completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_nanos,
            unknown_cost_requests, cache_hits, saved_nanos)
          VALUES (NEW.time_ms / 86400000, NEW.model, NEW.provider, NEW.deployment, 1,
            NEW.prompt_tokens, NEW.completion_tokens, NEW.cached_tokens, NEW.cache_write_tokens,
            NEW.reasoning_tokens, COALESCE(NEW.cost_nanos, 0), NEW.cost_nanos IS NULL,
            NEW.cache_hit != 0, COALESCE(NEW.saved_nanos, 0))
        ON CONFLICT (day, model, provider, deployment) DO UPDATE SET
          requests = requests + 1,
          prompt_tokens = prompt_tokens + excluded.prompt_tokens,
          completion_tokens = completion_tokens + excluded.completion_tokens,
          cached_tokens = cached_tokens + excluded.cached_tokens,
          cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
          reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
          cost_nanos = cost_nanos + excluded.cost_nanos,
          unknown_cost_requests = unknown_cost_requests + excluded.unknown_cost_requests,
          cache_hits = cache_hits + excluded.cache_hits,
          saved_nanos = saved_nanos + excluded.saved_nanos;
        INSERT INTO spend_daily_keys (day, key_id, team, requests, prompt_tokens,
            completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_nanos,
            unknown_cost_requests, cache_hits, saved_nanos)
          VALUES (NEW.time_ms / 86400000, NEW.key_id, NEW.team, 1, NEW.prompt_tokens,
            NEW.completion_tokens, NEW.cached_tokens, NEW.cache_write_tokens,
            NEW.reasoning_tokens, COALESCE(NEW.cost_nanos, 0), NEW.cost_nanos IS NULL,
            NEW.cache_hit != 0, COALESCE(NEW.saved_nanos, 0))
        ON CONFLICT (day, key_id, team) DO UPDATE SET
          requests = requests + 1,
          prompt_tokens = prompt_tokens + excluded.prompt_tokens,
          completion_tokens = completion_tokens + excluded.completion_tokens,
          cached_tokens = cached_tokens + excluded.cached_tokens,
          cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
          reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
          cost_nanos = cost_nanos + excluded.cost_nanos,
          unknown_cost_requests = unknown_cost_requests + excluded.unknown_cost_requests,
          cache_hits = cache_hits + excluded.cache_hits,
          saved_nanos = saved_nanos + excluded.saved_nanos;
      END;
    )sql",
    // 6: the endpoints billed per unit rather than per token (docs/pricing.md): what the unit is
    // ('image', 'audio_second', 'character', 'search_unit'; '' for tokens alone) and how many.
    R"sql(
      ALTER TABLE requests ADD COLUMN unit_kind TEXT NOT NULL DEFAULT '';
      ALTER TABLE requests ADD COLUMN units REAL NOT NULL DEFAULT 0;
    )sql",
    // 7: a cheaper insert. The writer keeps the daily spend tables itself, one upsert per day and
    // route and per day and key for a whole transaction (ledger_inserter), instead of the
    // trigger's two per row; and the status, team and end user indexes hold only the rows a
    // filter looks for (failures, rows with a team, rows with an end user), so a request that
    // succeeded without either skips them. The requests page's queries say the same conditions.
    R"sql(
      DROP TRIGGER requests_into_spend_daily;
      DROP INDEX requests_by_status_time;
      DROP INDEX requests_by_team_time;
      DROP INDEX requests_by_end_user_time;
      CREATE INDEX requests_by_failure_time ON requests (status, time_ms)
        WHERE status NOT BETWEEN 200 AND 299;
      CREATE INDEX requests_by_team_time ON requests (team, time_ms) WHERE team != '';
      CREATE INDEX requests_by_end_user_time ON requests (end_user, time_ms) WHERE end_user != '';
    )sql",
};

constexpr int known_version = static_cast<int>(std::size(migrations));

int user_version(sqlite3* db) {
  auto statement = prepare_sqlite(db, "PRAGMA user_version");
  check_sqlite(sqlite3_step(statement.get()), db, "cannot read the schema version");
  return sqlite3_column_int(statement.get(), 0);
}

std::string journal_mode(sqlite3* db) {
  auto statement = prepare_sqlite(db, "PRAGMA journal_mode = WAL");
  check_sqlite(sqlite3_step(statement.get()), db, "cannot switch to WAL");
  auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
  return text ? text : "";
}

void migrate(sqlite3* db) {
  // IMMEDIATE: two processes opening one new file cannot both create the tables.
  exec_sqlite(db, "BEGIN IMMEDIATE");
  try {
    const int version = user_version(db);
    if (version > known_version)
      throw std::runtime_error("ledger database has schema version " + std::to_string(version) +
                               ", newer than this keygate knows (" + std::to_string(known_version) +
                               ")");
    for (int next = version; next < known_version; ++next) exec_sqlite(db, migrations[next]);
    if (version != known_version) {
      const auto set = "PRAGMA user_version = " + std::to_string(known_version);
      exec_sqlite(db, set.c_str());
    }
    exec_sqlite(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace

int ledger_schema_version() {
  return known_version;
}

void prepare_ledger_db(sqlite3* db, std::chrono::milliseconds busy_timeout) {
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  if (journal_mode(db) != "wal")
    throw std::runtime_error("ledger database cannot use WAL mode (is it on a network drive?)");
  // With WAL, NORMAL syncs at checkpoints only: a commit survives the process being killed, not
  // necessarily the machine losing power (docs/ledger.md).
  exec_sqlite(db, "PRAGMA synchronous = NORMAL");
  // A WAL that grew during a burst is cut back to 16 MB once it starts over.
  exec_sqlite(db, "PRAGMA journal_size_limit = 16777216");
  migrate(db);
}

void prepare_ledger_reader(sqlite3* db, std::chrono::milliseconds busy_timeout) {
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  exec_sqlite(db, "PRAGMA query_only = ON");
}

}  // namespace keygate
