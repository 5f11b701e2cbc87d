// Conversations in the console database, per owner: the list (newest first, by pages), one
// conversation whole, creating, changing and deleting. Each throws api_failure for bad input or an
// id that is not the owner's, sqlite_error when the database fails.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;

namespace keygate::console {

struct owner;

struct page_request {
  std::optional<std::string> before;  // the cursor of the previous page's "next"
  std::int64_t limit = 50;
};

// GET /console/conversations?before=&limit=. Throws api_failure for a malformed cursor.
boost::json::object list_conversations(sqlite3* db, const std::string& owner,
                                       const page_request& page);
// POST /console/conversations: {"title"?, "model"?, "system_prompt"?, "settings"?}.
boost::json::object create_conversation(sqlite3* db, const owner& who,
                                        const boost::json::object& body, std::int64_t now_ms);
// GET /console/conversations/{id}: with every message; abandoned streams become incomplete, and
// figures still missing are looked up in the ledger first.
boost::json::object read_conversation(sqlite3* db, sqlite3* ledger, const owner& who,
                                      const std::string& id, std::int64_t now_ms);
// PATCH: any of title, model, system_prompt, settings, active_leaf. Returns the summary.
boost::json::object patch_conversation(sqlite3* db, const owner& who, const std::string& id,
                                       const boost::json::object& patch, std::int64_t now_ms);
void delete_conversation(sqlite3* db, const owner& who, const std::string& id);

// Throws api_failure (404) unless the conversation is the owner's.
void require_conversation(sqlite3* db, const std::string& owner, const std::string& id);
void touch_conversation(sqlite3* db, const std::string& id, std::int64_t now_ms);
// The conversation without its messages, in the list's shape plus system_prompt, settings and
// active_leaf.
boost::json::object conversation_head(sqlite3* db, const std::string& owner, const std::string& id);
// Validated settings as stored: temperature, max_tokens, reasoning_effort.
std::string read_settings(const boost::json::value& value);

}  // namespace keygate::console
