// Full-text search over one owner's messages (SQLite FTS5): every word must appear (a word also
// matches as the start of a longer one); snippets mark the hits with [ and ], never HTML.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;

namespace keygate::console {

// The FTS5 query for what a person typed: each word a quoted prefix term, all required; empty
// when there is no word.
std::string fts_query_of(std::string_view words);

// GET /console/search?q=&limit=: {"results": [{conversation_id, message_id, title, snippet,
// created_at}]}, newest first.
boost::json::object search_messages(sqlite3* db, const std::string& owner, std::string_view words,
                                    std::int64_t limit);

}  // namespace keygate::console
