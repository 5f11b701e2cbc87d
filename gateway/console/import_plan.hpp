// An import, read whole and checked before anything is written: POST /console/import takes a
// ChatGPT data export's conversations.json (an array) or conversations exported as JSON by the
// console (one, or an array), and writes them in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace keygate::console {

inline constexpr std::size_t max_import_bytes = 50 * 1024 * 1024;

struct planned_message {
  int parent = -1;  // index of an earlier message of the same conversation; -1: a root
  std::string role;
  std::string content;
  std::optional<std::string> reasoning;
  std::string attachments = "[]";
  std::optional<std::string> model;
  std::string status = "complete";
  std::int64_t created_ms = 0;
};

struct planned_conversation {
  std::optional<std::string> title;
  std::optional<std::string> model;
  std::optional<std::string> system_prompt;
  std::string settings = "{}";
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::vector<planned_message> messages;  // parents before children
  int active_leaf = -1;
};

// Reads the file; throws api_failure (400) saying where it is wrong ("conversation 2.mapping.x:
// ..."), before anything is written.
std::vector<planned_conversation> plan_import(std::string_view body, std::int64_t now_ms);

// Writes every conversation for the owner in one transaction; returns how many.
int write_import(sqlite3* db, const std::string& owner,
                 const std::vector<planned_conversation>& conversations, std::int64_t now_ms);

}  // namespace keygate::console
