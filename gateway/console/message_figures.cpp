#include "gateway/console/message_figures.hpp"

#include <utility>
#include <vector>

#include "gateway/accounting/ledger_lookups.hpp"
#include "gateway/console/sql_statement.hpp"

namespace keygate::console {

bool fill_message_figures(sqlite3* db, sqlite3* ledger, std::string_view message_id,
                          std::string_view request_id, std::string_view ledger_key) {
  if (!ledger || request_id.empty()) return false;
  const auto figures = read_request_figures(ledger, request_id, ledger_key);
  if (!figures) return false;
  sql_statement update(db, R"sql(
    UPDATE messages SET figures_known = 1, prompt_tokens = ?1, cached_tokens = ?2,
      completion_tokens = ?3, reasoning_tokens = ?4, cost_nanos = ?5, ttft_ms = ?6, total_ms = ?7,
      deployment = ?8
    WHERE id = ?9 AND request_id = ?10
  )sql");
  if (figures->usage.known) {
    update.bind(1, figures->usage.prompt)
        .bind(2, figures->usage.cached)
        .bind(3, figures->usage.completion)
        .bind(4, figures->usage.reasoning);
  } else {
    for (int i = 1; i <= 4; ++i) update.bind_null(i);
  }
  update.bind(5, figures->cost_nanos).bind(6, figures->ttft_ms).bind(7, figures->total_ms);
  if (figures->deployment.empty())
    update.bind_null(8);
  else
    update.bind(8, std::string_view(figures->deployment));
  return update.bind(9, message_id).bind(10, request_id).run() > 0;
}

void clear_message_figures(sqlite3* db, std::string_view message_id) {
  sql_statement(db, R"sql(
    UPDATE messages SET figures_known = 0, prompt_tokens = NULL, cached_tokens = NULL,
      completion_tokens = NULL, reasoning_tokens = NULL, cost_nanos = NULL, ttft_ms = NULL,
      total_ms = NULL, deployment = NULL
    WHERE id = ?1
  )sql")
      .bind(1, message_id)
      .run();
}

int fill_missing_figures(sqlite3* db, sqlite3* ledger, const std::string& owner,
                         std::string_view ledger_key, const std::string& conversation_id,
                         int limit) {
  if (!ledger) return 0;
  std::vector<std::pair<std::string, std::string>> missing;
  {
    sql_statement rows(db,
                       "SELECT id, request_id FROM messages WHERE conversation_id = ?1 AND "
                       "owner = ?2 AND request_id IS NOT NULL AND request_id != '' AND "
                       "figures_known = 0 ORDER BY seq DESC LIMIT ?3");
    rows.bind(1, conversation_id).bind(2, owner).bind(3, static_cast<std::int64_t>(limit));
    while (rows.step()) missing.emplace_back(rows.text(0), rows.text(1));
  }
  int filled = 0;
  for (const auto& [id, request] : missing)
    if (fill_message_figures(db, ledger, id, request, ledger_key)) ++filled;
  return filled;
}

}  // namespace keygate::console
