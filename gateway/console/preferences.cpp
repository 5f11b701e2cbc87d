#include "gateway/console/preferences.hpp"

#include "gateway/console/api_error.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

std::string read_preferences(sqlite3* db, const std::string& owner) {
  sql_statement row(db, "SELECT body FROM preferences WHERE owner = ?1");
  return row.bind(1, owner).step() ? row.text(0) : std::string("{}");
}

std::string write_preferences(sqlite3* db, const std::string& owner, std::string_view body) {
  if (body.size() > max_preferences_bytes)
    throw api_failure({413, "preferences_too_large", "Preferences are limited to 64 KB."});
  std::string stored = to_text(parse_object(body));
  sql_statement(db,
                "INSERT INTO preferences (owner, body) VALUES (?1, ?2) "
                "ON CONFLICT (owner) DO UPDATE SET body = excluded.body")
      .bind(1, owner)
      .bind(2, stored)
      .run();
  return stored;
}

}  // namespace keygate::console
