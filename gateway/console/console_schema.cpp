#include "gateway/console/console_schema.hpp"

#include <sqlite3.h>

#include <iterator>
#include <stdexcept>
#include <string>

#include "gateway/storage/sqlite.hpp"

namespace keygate::console {

namespace {

// Append-only: migration i takes a file from user_version i to i + 1. Never edit one that has
// shipped; add the next one at the end. Every row belongs to an owner: "key:<id>" for a virtual
// key, "master" or "local" (docs/console.md).
constexpr const char* migrations[] = {
    // 1: sessions, conversations, messages with their full-text index, preferences.
    R"sql(
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        key_id TEXT NOT NULL,
        key_check TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        expires_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_owner ON sessions (owner);

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        title TEXT,
        model TEXT,
        system_prompt TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        active_leaf TEXT,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX conversations_by_owner_updated ON conversations (owner, updated_ms, id);

      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        owner TEXT NOT NULL,
        parent_id TEXT,
        role TEXT NOT NULL,
        content TEXT NOT NULL,
        reasoning TEXT,
        attachments TEXT NOT NULL DEFAULT '[]',
        model TEXT,
        status TEXT NOT NULL,
        error TEXT,
        request_id TEXT,
        figures_known INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER,
        cached_tokens INTEGER,
        completion_tokens INTEGER,
        reasoning_tokens INTEGER,
        cost_nanos INTEGER,
        ttft_ms REAL,
        total_ms REAL,
        deployment TEXT,
        created_ms INTEGER NOT NULL,
        touched_ms INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (conversation_id, created_ms);

      CREATE VIRTUAL TABLE messages_text USING fts5 (
        content, content = 'messages', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_text_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_text (rowid, content) VALUES (new.seq, new.content);
      END;
      CREATE TRIGGER messages_text_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_text (messages_text, rowid, content)
          VALUES ('delete', old.seq, old.content);
      END;
      CREATE TRIGGER messages_text_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_text (messages_text, rowid, content)
          VALUES ('delete', old.seq, old.content);
        INSERT INTO messages_text (rowid, content) VALUES (new.seq, new.content);
      END;

      CREATE TABLE preferences (
        owner TEXT PRIMARY KEY,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
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
      throw std::runtime_error("console database has schema version " + std::to_string(version) +
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

int console_schema_version() {
  return known_version;
}

void prepare_console_db(sqlite3* db, std::chrono::milliseconds busy_timeout) {
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  if (journal_mode(db) != "wal")
    throw std::runtime_error("console database cannot use WAL mode (is it on a network drive?)");
  exec_sqlite(db, "PRAGMA synchronous = NORMAL");
  exec_sqlite(db, "PRAGMA foreign_keys = ON");
  migrate(db);
}

}  // namespace keygate::console
