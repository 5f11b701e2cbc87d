#include "gateway/console/conversations.hpp"

#include <charconv>

#include "gateway/console/api_error.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/message_figures.hpp"
#include "gateway/console/messages.hpp"
#include "gateway/console/owner.hpp"
#include "gateway/console/random_token.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

namespace {

// Columns of a conversation with its message count and known cost, for one owner.
constexpr const char* summary_select = R"sql(
  SELECT c.id, c.title, c.model, c.created_ms, c.updated_ms,
         (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id),
         (SELECT SUM(m.cost_nanos) FROM messages m WHERE m.conversation_id = c.id),
         c.system_prompt, c.settings, c.active_leaf
  FROM conversations c
)sql";

boost::json::object summary_json(const sql_statement& row) {
  boost::json::object c;
  c["id"] = row.text(0);
  c["title"] = json_or_null(row.optional_text(1));
  c["model"] = json_or_null(row.optional_text(2));
  c["created_at"] = row.integer(3);
  c["updated_at"] = row.integer(4);
  c["message_count"] = row.integer(5);
  if (auto cost = row.optional_integer(6))
    c["cost_usd"] = static_cast<double>(*cost) / 1e9;
  else
    c["cost_usd"] = nullptr;
  return c;
}

std::string cursor_of(std::int64_t updated_ms, const std::string& id) {
  return std::to_string(updated_ms) + "." + id;
}

std::pair<std::int64_t, std::string> parse_cursor(const std::string& cursor) {
  const auto dot = cursor.find('.');
  if (dot == std::string::npos)
    throw api_failure(bad_request("before is not a cursor this API gave."));
  std::int64_t updated = 0;
  const auto [ptr, ec] = std::from_chars(cursor.data(), cursor.data() + dot, updated);
  if (ec != std::errc() || ptr != cursor.data() + dot)
    throw api_failure(bad_request("before is not a cursor this API gave."));
  return {updated, cursor.substr(dot + 1)};
}

// Absent, null or a string of at most max_bytes.
std::optional<std::optional<std::string>> checked_text(const boost::json::object& body,
                                                       const char* field, std::size_t max_bytes) {
  auto value = nullable_string(body, field);
  if (!value) return std::nullopt;
  if (*value && (*value)->size() > max_bytes)
    throw api_failure(bad_request(std::string(field) + " is too long."));
  return *value;
}

}  // namespace

std::string read_settings(const boost::json::value& value) {
  if (value.is_null()) return "{}";
  const auto* in = value.if_object();
  if (!in) throw api_failure(bad_request("settings must be an object."));
  boost::json::object kept;
  if (const auto* t = in->if_contains("temperature"); t && !t->is_null()) {
    if (!t->is_number()) throw api_failure(bad_request("settings.temperature must be a number."));
    kept["temperature"] = *t;
  }
  if (const auto* m = in->if_contains("max_tokens"); m && !m->is_null()) {
    if (!m->is_int64() && !m->is_uint64())
      throw api_failure(bad_request("settings.max_tokens must be a whole number."));
    kept["max_tokens"] = *m;
  }
  if (const auto* r = in->if_contains("reasoning_effort"); r && !r->is_null()) {
    const std::string_view effort = r->is_string() ? std::string_view(r->as_string()) : "";
    if (effort != "low" && effort != "medium" && effort != "high")
      throw api_failure(bad_request("settings.reasoning_effort must be low, medium or high."));
    kept["reasoning_effort"] = *r;
  }
  return to_text(kept);
}

void require_conversation(sqlite3* db, const std::string& owner, const std::string& id) {
  sql_statement found(db, "SELECT 1 FROM conversations WHERE id = ?1 AND owner = ?2");
  if (!found.bind(1, id).bind(2, owner).step())
    throw api_failure(not_found("No such conversation."));
}

void touch_conversation(sqlite3* db, const std::string& id, std::int64_t now_ms) {
  sql_statement(db, "UPDATE conversations SET updated_ms = MAX(updated_ms, ?1) WHERE id = ?2")
      .bind(1, now_ms)
      .bind(2, id)
      .run();
}

boost::json::object conversation_head(sqlite3* db, const std::string& owner,
                                      const std::string& id) {
  sql_statement row(db, std::string(summary_select) + " WHERE c.id = ?1 AND c.owner = ?2");
  if (!row.bind(1, id).bind(2, owner).step()) throw api_failure(not_found("No such conversation."));
  auto c = summary_json(row);
  c["system_prompt"] = json_or_null(row.optional_text(7));
  auto settings = from_text(row.text(8));
  c["settings"] = settings.is_object() ? settings : boost::json::object();
  c["active_leaf"] = json_or_null(row.optional_text(9));
  return c;
}

boost::json::object list_conversations(sqlite3* db, const std::string& owner,
                                       const page_request& page) {
  if (page.limit < 1 || page.limit > 200) throw api_failure(bad_request("limit must be 1 to 200."));
  std::string sql = std::string(summary_select) + " WHERE c.owner = ?1";
  if (page.before) sql += " AND (c.updated_ms, c.id) < (?2, ?3)";
  sql += " ORDER BY c.updated_ms DESC, c.id DESC LIMIT ?4";
  sql_statement rows(db, sql);
  rows.bind(1, owner).bind(4, page.limit + 1);
  if (page.before) {
    const auto [updated, id] = parse_cursor(*page.before);
    rows.bind(2, updated).bind(3, id);
  }
  boost::json::array list;
  boost::json::value next = nullptr;
  while (rows.step()) {
    if (static_cast<std::int64_t>(list.size()) == page.limit) {
      const auto& last = list.back().as_object();
      next = cursor_of(last.at("updated_at").as_int64(), std::string(last.at("id").as_string()));
      break;
    }
    list.push_back(summary_json(rows));
  }
  return {{"conversations", std::move(list)}, {"next", std::move(next)}};
}

boost::json::object create_conversation(sqlite3* db, const owner& who,
                                        const boost::json::object& body, std::int64_t now_ms) {
  const auto title = checked_text(body, "title", 1000).value_or(std::nullopt);
  const auto model = checked_text(body, "model", 1000).value_or(std::nullopt);
  const auto system_prompt = checked_text(body, "system_prompt", 1 << 20).value_or(std::nullopt);
  const auto* settings_value = body.if_contains("settings");
  const std::string settings = settings_value ? read_settings(*settings_value) : std::string("{}");
  const std::string id = new_record_id("c_");
  sql_statement(db,
                "INSERT INTO conversations (id, owner, title, model, system_prompt, settings, "
                "created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)")
      .bind(1, id)
      .bind(2, who.id)
      .bind(3, title)
      .bind(4, model)
      .bind(5, system_prompt)
      .bind(6, settings)
      .bind(7, now_ms)
      .run();
  auto c = conversation_head(db, who.id, id);
  c["messages"] = boost::json::array();
  return c;
}

boost::json::object read_conversation(sqlite3* db, sqlite3* ledger, const owner& who,
                                      const std::string& id, std::int64_t now_ms) {
  require_conversation(db, who.id, id);
  mark_abandoned_streams(db, who.id, id, now_ms);
  fill_missing_figures(db, ledger, who.id, who.ledger_key, id);
  // One read transaction: the head and the messages agree.
  exec_sqlite(db, "BEGIN");
  try {
    auto c = conversation_head(db, who.id, id);
    c["messages"] = read_messages(db, who.id, id);
    exec_sqlite(db, "COMMIT");
    return c;
  } catch (...) {
    exec_sqlite(db, "ROLLBACK");
    throw;
  }
}

boost::json::object patch_conversation(sqlite3* db, const owner& who, const std::string& id,
                                       const boost::json::object& patch, std::int64_t now_ms) {
  const auto title = checked_text(patch, "title", 1000);
  const auto model = checked_text(patch, "model", 1000);
  const auto system_prompt = checked_text(patch, "system_prompt", 1 << 20);
  std::optional<std::string> settings;
  if (const auto* s = patch.if_contains("settings")) settings = read_settings(*s);
  const auto active_leaf = nullable_string(patch, "active_leaf");

  write_transaction transaction(db);
  require_conversation(db, who.id, id);
  if (active_leaf && *active_leaf) {
    sql_statement leaf(db, "SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2");
    if (!leaf.bind(1, **active_leaf).bind(2, id).step())
      throw api_failure(bad_request("active_leaf is not a message of this conversation."));
  }
  auto set = [&](const char* column, const std::optional<std::string>& value) {
    sql_statement(db, std::string("UPDATE conversations SET ") + column + " = ?1 WHERE id = ?2")
        .bind(1, value)
        .bind(2, id)
        .run();
  };
  if (title) set("title", *title);
  if (model) set("model", *model);
  if (system_prompt) set("system_prompt", *system_prompt);
  if (settings) set("settings", settings);
  if (active_leaf) set("active_leaf", *active_leaf);
  touch_conversation(db, id, now_ms);
  transaction.commit();
  sql_statement row(db, std::string(summary_select) + " WHERE c.id = ?1 AND c.owner = ?2");
  row.bind(1, id).bind(2, who.id).step();
  return summary_json(row);
}

void delete_conversation(sqlite3* db, const owner& who, const std::string& id) {
  write_transaction transaction(db);
  require_conversation(db, who.id, id);
  // The messages go with it (ON DELETE CASCADE), and with them their search entries.
  sql_statement(db, "DELETE FROM conversations WHERE id = ?1 AND owner = ?2")
      .bind(1, id)
      .bind(2, who.id)
      .run();
  transaction.commit();
}

}  // namespace keygate::console
