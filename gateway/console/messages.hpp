// A conversation's messages in the console database: adding, changing, reading them as the
// console API shows them. Every function is scoped by the owner and the conversation; each throws
// api_failure for bad input or an unknown id, sqlite_error when the database fails.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;

namespace keygate::console {

struct owner;

// A message as it is written, validated.
struct message_input {
  std::optional<std::string> parent_id;
  std::string role;  // user | assistant
  std::string content;
  std::optional<std::string> reasoning;
  std::string attachments = "[]";  // JSON array
  std::optional<std::string> model;
  std::string status = "complete";
  std::int64_t created_ms = 0;
};

// Reads the body of POST .../messages; created_ms is left to the caller.
message_input read_new_message(const boost::json::object& body);
// Writes a message whose parent has been checked; returns its id.
std::string insert_message(sqlite3* db, const std::string& owner,
                           const std::string& conversation_id, const message_input& message,
                           std::int64_t now_ms);

// POST /console/conversations/{id}/messages.
boost::json::object add_message(sqlite3* db, const owner& who, const std::string& conversation_id,
                                const boost::json::object& body, std::int64_t now_ms);
// PATCH .../messages/{message}: content, reasoning, status, error, request_id. With request_id,
// the figures come from the ledger's row for that request made by this owner, when it has one.
boost::json::object patch_message(sqlite3* db, sqlite3* ledger, const owner& who,
                                  const std::string& conversation_id, const std::string& message_id,
                                  const boost::json::object& patch, std::int64_t now_ms);

// Every message of the conversation, oldest first, as the API shows them.
boost::json::array read_messages(sqlite3* db, const std::string& owner,
                                 const std::string& conversation_id);
// One message; throws 404 when it is not this conversation's.
boost::json::object read_message(sqlite3* db, const std::string& owner,
                                 const std::string& conversation_id, const std::string& message_id);

// Streaming messages untouched this long show as incomplete: the page that streamed them left.
inline constexpr std::int64_t abandoned_stream_ms = 10'000;
// Marks such messages incomplete; returns how many.
int mark_abandoned_streams(sqlite3* db, const std::string& owner,
                           const std::string& conversation_id, std::int64_t now_ms);

}  // namespace keygate::console
