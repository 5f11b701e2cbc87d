// Stored Responses answers (`store: true`), in keygate's SQLite database, each readable only with
// the key that made it, for as long as the retention allows: what GET /v1/responses/{id} returns
// and what previous_response_id continues from (docs/front-doors.md#stored-responses).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/storage/sqlite.hpp"

namespace keygate {

struct stored_response {
  std::string id;
  std::string key_id;  // '' when keys are off
  std::int64_t created_ms = 0;
  std::string response;      // the Response object, JSON
  std::string input_items;   // this request's own input items (with ids), a JSON array
  std::string conversation;  // every item the model was given (history and input), a JSON array
};

class response_store {
 public:
  // Opens (or makes) the table in the database at `path`. Throws sqlite_error.
  response_store(const std::string& path, std::chrono::hours retention);

  // Calls block on SQLite (a few hundred microseconds for one small row in WAL mode). Throw
  // sqlite_error.
  void save(const stored_response& response);
  // The response `id` made with `key_id`, unexpired; another key's is not found.
  std::optional<stored_response> find(std::string_view id, std::string_view key_id);
  // True when there was such a response.
  bool remove(std::string_view id, std::string_view key_id);

 private:
  std::mutex mutex_;
  sqlite_db db_;
  std::chrono::hours retention_;
};

}  // namespace keygate
