#include "gateway/accounting/pg_ledger_schema.hpp"

#include <iterator>
#include <stdexcept>
#include <string>

#include "gateway/storage/pg_connection.hpp"

namespace keygate {

namespace {

// Append-only: migration i takes a database from version i to i + 1. Never edit one that has
// shipped; add the next one at the end.
constexpr const char* pg_migrations[] = {
    // 1: one row per finished request. record_id is unique: a batch written twice (a retry after
    // an answer that never came, a spool replayed after a crash) is counted once.
    R"sql(
      CREATE TABLE requests (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE,
        request_id TEXT NOT NULL,
        time_ms BIGINT NOT NULL,
        key_id TEXT NOT NULL,
        team TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        model TEXT NOT NULL,
        deployment TEXT NOT NULL,
        provider TEXT NOT NULL,
        status INTEGER NOT NULL,
        error_code TEXT NOT NULL,
        prompt_tokens BIGINT NOT NULL,
        completion_tokens BIGINT NOT NULL,
        cached_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        reasoning_tokens BIGINT NOT NULL,
        usage_known BOOLEAN NOT NULL,
        cost_nanos BIGINT,
        latency_ms DOUBLE PRECISION NOT NULL,
        stream BOOLEAN NOT NULL,
        client_gone BOOLEAN NOT NULL,
        ttft_ms DOUBLE PRECISION,
        overhead_ms DOUBLE PRECISION NOT NULL,
        attempts INTEGER NOT NULL
      );
      CREATE INDEX requests_by_key_time ON requests (key_id, time_ms);
      CREATE INDEX requests_by_time ON requests (time_ms);
      CREATE INDEX requests_by_request_id ON requests (request_id);
    )sql",
    // 2: a team's budget restored at start-up, and spend by model.
    R"sql(
      CREATE INDEX requests_by_team_time ON requests (team, time_ms);
      CREATE INDEX requests_by_model_time ON requests (model, time_ms);
    )sql",
    // 3: spend per UTC day, key, team and model, kept by the same statement that inserts the
    // rows (only rows it really inserted count): spend reports over whole days read this, a few
    // thousand rows, instead of millions. Filled from the rows already there.
    R"sql(
      CREATE TABLE spend_daily (
        day BIGINT NOT NULL,
        key_id TEXT NOT NULL,
        team TEXT NOT NULL,
        model TEXT NOT NULL,
        requests BIGINT NOT NULL,
        prompt_tokens BIGINT NOT NULL,
        completion_tokens BIGINT NOT NULL,
        cached_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        reasoning_tokens BIGINT NOT NULL,
        cost_nanos BIGINT NOT NULL,
        unknown_cost_requests BIGINT NOT NULL,
        PRIMARY KEY (day, key_id, team, model)
      );
      INSERT INTO spend_daily
        SELECT time_ms / 86400000, key_id, team, model, count(*), sum(prompt_tokens),
               sum(completion_tokens), sum(cached_tokens), sum(cache_write_tokens),
               sum(reasoning_tokens), coalesce(sum(cost_nanos), 0), count(*) - count(cost_nanos)
        FROM requests GROUP BY 1, 2, 3, 4;
    )sql",
    // 4: who the request was for below the key, and what the response cache saved.
    R"sql(
      ALTER TABLE requests ADD COLUMN end_user TEXT NOT NULL DEFAULT '';
      ALTER TABLE requests ADD COLUMN cache_hit BOOLEAN NOT NULL DEFAULT false;
      ALTER TABLE requests ADD COLUMN saved_nanos BIGINT;
      CREATE INDEX requests_by_end_user_time ON requests (end_user, time_ms);
    )sql",
    // 5: what the caches saved, in the daily totals too: answers from the response cache and the
    // sum of saved_nanos (a hit's original cost, or a prompt cache's net saving).
    R"sql(
      ALTER TABLE spend_daily ADD COLUMN cache_hits BIGINT NOT NULL DEFAULT 0,
                              ADD COLUMN saved_nanos BIGINT NOT NULL DEFAULT 0;
      UPDATE spend_daily s SET cache_hits = t.hits, saved_nanos = t.saved
        FROM (SELECT time_ms / 86400000 AS day, key_id, team, model,
                     count(*) FILTER (WHERE cache_hit) AS hits,
                     coalesce(sum(saved_nanos), 0) AS saved
              FROM requests WHERE cache_hit OR saved_nanos IS NOT NULL GROUP BY 1, 2, 3, 4) t
        WHERE s.day = t.day AND s.key_id = t.key_id AND s.team = t.team AND s.model = t.model;
    )sql",
    // 6: the endpoints billed per unit rather than per token (docs/pricing.md).
    R"sql(
      ALTER TABLE requests ADD COLUMN unit_kind TEXT NOT NULL DEFAULT '';
      ALTER TABLE requests ADD COLUMN units DOUBLE PRECISION NOT NULL DEFAULT 0;
    )sql",
};

constexpr int pg_known_version = static_cast<int>(std::size(pg_migrations));

// Any number, the same in every keygate: the lock that serialises pg_migrations.
constexpr const char* pg_migration_lock = "SELECT pg_advisory_xact_lock(7458201931)";

}  // namespace

int pg_ledger_schema_version() {
  return pg_known_version;
}

void migrate_pg_ledger(pg_connection& db, int target) {
  if (target < 0 || target > pg_known_version) target = pg_known_version;
  db.exec("BEGIN");
  try {
    db.exec(pg_migration_lock);
    db.exec("CREATE TABLE IF NOT EXISTS keygate_schema (version INTEGER NOT NULL)");
    auto rows = db.exec("SELECT version FROM keygate_schema");
    int version = 0;
    if (rows.size() == 0)
      db.exec("INSERT INTO keygate_schema (version) VALUES (0)");
    else
      version = static_cast<int>(rows.int64(0, 0));
    if (version > pg_known_version)
      throw std::runtime_error("ledger database has schema version " + std::to_string(version) +
                               ", newer than this keygate knows (" +
                               std::to_string(pg_known_version) + ")");
    for (int next = version; next < target; ++next) db.exec_script(pg_migrations[next]);
    if (target > version)
      db.exec("UPDATE keygate_schema SET version = $1", {std::to_string(target)});
    db.exec("COMMIT");
  } catch (...) {
    if (db.ok()) {
      try {
        db.exec("ROLLBACK");
      } catch (const std::exception&) {
        // The connection is dropped by its owner; the server rolls back then.
      }
    }
    throw;
  }
}

}  // namespace keygate
