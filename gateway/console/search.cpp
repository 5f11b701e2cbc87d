#include "gateway/console/search.hpp"

#include "gateway/console/api_error.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

namespace {

bool is_separator(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string fts_query_of(std::string_view words) {
  std::string query;
  std::size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && is_separator(static_cast<unsigned char>(words[i]))) ++i;
    const std::size_t start = i;
    while (i < words.size() && !is_separator(static_cast<unsigned char>(words[i]))) ++i;
    if (start == i) break;
    // A quoted string is one term whatever it holds; a quote inside is doubled.
    std::string term = "\"";
    for (char c : words.substr(start, i - start)) {
      if (c == '"') term += '"';
      term += c;
    }
    if (!query.empty()) query += ' ';
    query += term + "\"*";
  }
  return query;
}

boost::json::object search_messages(sqlite3* db, const std::string& owner, std::string_view words,
                                    std::int64_t limit) {
  if (limit < 1 || limit > 100) throw api_failure(bad_request("limit must be 1 to 100."));
  if (words.size() > 1000) throw api_failure(bad_request("q is too long."));
  boost::json::array results;
  const std::string query = fts_query_of(words);
  if (!query.empty()) {
    sql_statement rows(db, R"sql(
      SELECT m.conversation_id, m.id, c.title,
             snippet(messages_text, 0, '[', ']', '…', 16), m.created_ms
      FROM messages_text
      JOIN messages m ON m.seq = messages_text.rowid
      JOIN conversations c ON c.id = m.conversation_id
      WHERE messages_text MATCH ?1 AND m.owner = ?2 AND c.owner = ?2
      ORDER BY m.created_ms DESC LIMIT ?3
    )sql");
    rows.bind(1, query).bind(2, owner).bind(3, limit);
    while (rows.step()) {
      const auto title = rows.optional_text(2);
      results.push_back({{"conversation_id", rows.text(0)},
                         {"message_id", rows.text(1)},
                         {"title", title ? boost::json::value(*title) : nullptr},
                         {"snippet", rows.text(3)},
                         {"created_at", rows.integer(4)}});
    }
  }
  return {{"results", std::move(results)}};
}

}  // namespace keygate::console
