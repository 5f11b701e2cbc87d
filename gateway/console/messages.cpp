#include "gateway/console/messages.hpp"

#include "gateway/console/api_error.hpp"
#include "gateway/console/conversations.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/message_figures.hpp"
#include "gateway/console/owner.hpp"
#include "gateway/console/random_token.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

namespace {

constexpr const char* message_columns =
    "id, parent_id, role, content, reasoning, attachments, model, status, error, request_id, "
    "prompt_tokens, cached_tokens, completion_tokens, reasoning_tokens, cost_nanos, ttft_ms, "
    "total_ms, deployment, created_ms";

boost::json::object message_json(const sql_statement& row) {
  boost::json::object m;
  m["id"] = row.text(0);
  m["parent_id"] = json_or_null(row.optional_text(1));
  m["role"] = row.text(2);
  m["content"] = row.text(3);
  m["reasoning"] = json_or_null(row.optional_text(4));
  auto attachments = from_text(row.text(5));
  m["attachments"] = attachments.is_array() ? attachments : boost::json::array();
  m["model"] = json_or_null(row.optional_text(6));
  m["status"] = row.text(7);
  m["error"] = row.is_null(8) ? boost::json::value(nullptr) : from_text(row.text(8));
  m["request_id"] = json_or_null(row.optional_text(9));
  if (row.is_null(10)) {
    m["usage"] = nullptr;
  } else {
    m["usage"] = {{"prompt_tokens", row.integer(10)},
                  {"cached_tokens", row.integer(11)},
                  {"completion_tokens", row.integer(12)},
                  {"reasoning_tokens", row.integer(13)}};
  }
  if (auto cost = row.optional_integer(14)) {
    m["cost_usd"] = static_cast<double>(*cost) / 1e9;
    m["cost_nanos"] = *cost;
  } else {
    m["cost_usd"] = nullptr;
    m["cost_nanos"] = nullptr;
  }
  m["ttft_ms"] = json_or_null(row.optional_real(15));
  m["total_ms"] = json_or_null(row.optional_real(16));
  m["deployment"] = json_or_null(row.optional_text(17));
  m["created_at"] = row.integer(18);
  return m;
}

bool is_status(std::string_view s) {
  return s == "complete" || s == "streaming" || s == "incomplete" || s == "error";
}

std::string read_status(const boost::json::object& body) {
  auto status = optional_string(body, "status");
  if (status && !is_status(*status))
    throw api_failure(bad_request("status must be complete, streaming, incomplete or error."));
  return status.value_or("complete");
}

std::string read_attachments(const boost::json::object& body) {
  const auto* value = body.if_contains("attachments");
  if (!value || value->is_null()) return "[]";
  if (!value->is_array()) throw api_failure(bad_request("attachments must be an array."));
  boost::json::array kept;
  for (const auto& item : value->as_array()) {
    const auto* a = item.if_object();
    const auto* kind_value = a ? a->if_contains("kind") : nullptr;
    const std::string_view kind =
        kind_value && kind_value->is_string() ? std::string_view(kind_value->as_string()) : "";
    auto text_field = [a](const char* name) {
      const auto* f = a->if_contains(name);
      return f && f->is_string();
    };
    if (kind == "image" && text_field("media_type") && text_field("data_url") &&
        std::string_view(a->at("data_url").as_string()).starts_with("data:")) {
      kept.push_back({{"kind", "image"},
                      {"media_type", a->at("media_type")},
                      {"data_url", a->at("data_url")}});
    } else if (kind == "text" && text_field("name") && text_field("text")) {
      kept.push_back({{"kind", "text"}, {"name", a->at("name")}, {"text", a->at("text")}});
    } else {
      throw api_failure(
          bad_request("attachments: each must be {kind: image, media_type, data_url: data:...} or "
                      "{kind: text, name, text}."));
    }
  }
  return to_text(kept);
}

std::optional<std::string> read_error(const boost::json::value& value) {
  if (value.is_null()) return std::nullopt;
  const auto* e = value.if_object();
  if (!e) throw api_failure(bad_request("error must be an object or null."));
  boost::json::object kept;
  const auto* status = e->if_contains("status");
  kept["status"] = status && status->is_number() ? to_int64(*status) : 0;
  for (const char* name : {"code", "message"}) {
    const auto* f = e->if_contains(name);
    kept[name] = f && f->is_string() ? f->as_string() : boost::json::string();
  }
  return to_text(kept);
}

void require_message(sqlite3* db, const std::string& owner, const std::string& conversation_id,
                     const std::string& message_id) {
  sql_statement found(db,
                      "SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2 AND "
                      "owner = ?3");
  if (!found.bind(1, message_id).bind(2, conversation_id).bind(3, owner).step())
    throw api_failure(not_found("No such message."));
}

}  // namespace

message_input read_new_message(const boost::json::object& body) {
  message_input m;
  if (auto parent = nullable_string(body, "parent_id")) m.parent_id = *parent;
  m.role = optional_string(body, "role").value_or("");
  if (m.role != "user" && m.role != "assistant")
    throw api_failure(bad_request("role must be user or assistant."));
  m.content = optional_string(body, "content").value_or("");
  if (auto reasoning = nullable_string(body, "reasoning")) m.reasoning = *reasoning;
  m.attachments = read_attachments(body);
  if (auto model = nullable_string(body, "model")) m.model = *model;
  m.status = read_status(body);
  return m;
}

std::string insert_message(sqlite3* db, const std::string& owner,
                           const std::string& conversation_id, const message_input& m,
                           std::int64_t now_ms) {
  std::string id = new_record_id("m_");
  sql_statement(db,
                "INSERT INTO messages (id, conversation_id, owner, parent_id, role, content, "
                "reasoning, attachments, model, status, created_ms, touched_ms) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      .bind(1, id)
      .bind(2, conversation_id)
      .bind(3, owner)
      .bind(4, m.parent_id)
      .bind(5, m.role)
      .bind(6, m.content)
      .bind(7, m.reasoning)
      .bind(8, m.attachments)
      .bind(9, m.model)
      .bind(10, m.status)
      .bind(11, m.created_ms ? m.created_ms : now_ms)
      .bind(12, now_ms)
      .run();
  return id;
}

boost::json::object add_message(sqlite3* db, const owner& who, const std::string& conversation_id,
                                const boost::json::object& body, std::int64_t now_ms) {
  message_input m = read_new_message(body);
  write_transaction transaction(db);
  require_conversation(db, who.id, conversation_id);
  if (m.parent_id) {
    sql_statement parent(db, "SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2");
    if (!parent.bind(1, *m.parent_id).bind(2, conversation_id).step())
      throw api_failure(bad_request("parent_id is not a message of this conversation."));
  }
  const std::string id = insert_message(db, who.id, conversation_id, m, now_ms);
  touch_conversation(db, conversation_id, now_ms);
  transaction.commit();
  return read_message(db, who.id, conversation_id, id);
}

boost::json::object patch_message(sqlite3* db, sqlite3* ledger, const owner& who,
                                  const std::string& conversation_id, const std::string& message_id,
                                  const boost::json::object& patch, std::int64_t now_ms) {
  const auto content = optional_string(patch, "content");
  const auto reasoning = nullable_string(patch, "reasoning");
  std::optional<std::string> status;
  if (patch.contains("status")) status = read_status(patch);
  std::optional<std::optional<std::string>> error;
  if (const auto* e = patch.if_contains("error")) error = read_error(*e);
  const auto request_id = nullable_string(patch, "request_id");

  write_transaction transaction(db);
  require_message(db, who.id, conversation_id, message_id);
  auto set = [&](const char* column, auto value) {
    sql_statement(db, std::string("UPDATE messages SET ") + column + " = ?1 WHERE id = ?2")
        .bind(1, value)
        .bind(2, message_id)
        .run();
  };
  if (content) set("content", std::string_view(*content));
  if (reasoning) set("reasoning", *reasoning);
  if (status) set("status", std::string_view(*status));
  if (error) set("error", *error);
  if (request_id) {
    set("request_id", *request_id);
    clear_message_figures(db, message_id);
  }
  set("touched_ms", now_ms);
  touch_conversation(db, conversation_id, now_ms);
  transaction.commit();
  if (request_id && *request_id)
    fill_message_figures(db, ledger, message_id, **request_id, who.ledger_key);
  return read_message(db, who.id, conversation_id, message_id);
}

boost::json::array read_messages(sqlite3* db, const std::string& owner,
                                 const std::string& conversation_id) {
  sql_statement rows(db, std::string("SELECT ") + message_columns +
                             " FROM messages WHERE conversation_id = ?1 AND owner = ?2 "
                             "ORDER BY created_ms, seq");
  rows.bind(1, conversation_id).bind(2, owner);
  boost::json::array out;
  while (rows.step()) out.push_back(message_json(rows));
  return out;
}

boost::json::object read_message(sqlite3* db, const std::string& owner,
                                 const std::string& conversation_id,
                                 const std::string& message_id) {
  sql_statement row(db, std::string("SELECT ") + message_columns +
                            " FROM messages WHERE id = ?1 AND conversation_id = ?2 AND owner = ?3");
  if (!row.bind(1, message_id).bind(2, conversation_id).bind(3, owner).step())
    throw api_failure(not_found("No such message."));
  return message_json(row);
}

int mark_abandoned_streams(sqlite3* db, const std::string& owner,
                           const std::string& conversation_id, std::int64_t now_ms) {
  return sql_statement(db,
                       "UPDATE messages SET status = 'incomplete' WHERE conversation_id = ?1 AND "
                       "owner = ?2 AND status = 'streaming' AND touched_ms < ?3")
      .bind(1, conversation_id)
      .bind(2, owner)
      .bind(3, now_ms - abandoned_stream_ms)
      .run();
}

}  // namespace keygate::console
