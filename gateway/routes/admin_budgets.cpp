#include "gateway/routes/admin_budgets.hpp"

#include <boost/json/serialize.hpp>
#include <map>

#include "gateway/access/key_json.hpp"
#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/ledger.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/limits/budget_period.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

using sums = std::map<std::string, spend_row, std::less<>>;

// Spend by key (or team) since a time, from the ledger: the record budgets restart from.
class spend_book {
 public:
  spend_book(const ledger* book, spend_group by) : book_(book), by_(by) {}

  // The spend of `id` in the period that holds `now`.
  std::int64_t spent(const std::string& id, const period_window& window) {
    if (!book_) return 0;
    auto [it, fresh] = by_start_.try_emplace(window.start_ms);
    if (fresh) it->second = read(window.start_ms);
    auto row = it->second.find(id);
    return row == it->second.end() ? 0 : row->second.cost_nanos;
  }

  // Requests and tokens of `id` in the last minute.
  const spend_row* last_minute(const std::string& id, std::int64_t now_ms) {
    if (!book_) return nullptr;
    if (!minute_) minute_ = read(now_ms - 60'000);
    auto row = minute_->find(id);
    return row == minute_->end() ? nullptr : &row->second;
  }

 private:
  sums read(std::int64_t since_ms) const {
    spend_query query;
    query.group_by = by_;
    if (since_ms > 0) query.from_ms = since_ms;
    sums out;
    for (auto& row : book_->query_spend(query)) out[row.group] = std::move(row);
    return out;
  }

  const ledger* book_;
  spend_group by_;
  std::map<std::int64_t, sums> by_start_;
  std::optional<sums> minute_;
};

json::value limit_or_null(std::int64_t limit) {
  if (limit <= 0) return nullptr;
  return limit;
}

json::value budget_json(const std::optional<budget>& b, const std::string& id, spend_book& book,
                        std::int64_t now_ms) {
  if (!b) return nullptr;
  const auto window = period_at(b->period, now_ms);
  const std::int64_t spent = book.spent(id, window);
  json::object out = budget_to_json(*b);
  out["spent_usd"] = std::stod(format_usd(spent));
  out["spent_nanos"] = spent;
  out["remaining_usd"] = std::stod(format_usd(std::max<std::int64_t>(0, b->limit_nanos - spent)));
  if (b->period == budget_period::total)
    out["resets_at"] = nullptr;
  else
    out["resets_at"] = window.end_ms;
  return out;
}

// What could be taken now, against the last minute's use in the ledger; null where no limit is
// set. Requests in flight are not in the ledger yet, so parallel headroom is the limit itself.
json::object entry_json(const std::string& id, const rate_limits& limits,
                        const std::optional<budget>& b, spend_book& book, std::int64_t now_ms) {
  const spend_row* minute = book.last_minute(id, now_ms);
  const std::int64_t requests = minute ? minute->requests : 0;
  const std::int64_t tokens = minute ? minute->prompt_tokens + minute->completion_tokens : 0;
  auto headroom = [](std::int64_t limit, std::int64_t used) -> json::value {
    if (limit <= 0) return nullptr;
    return std::max<std::int64_t>(0, limit - used);
  };
  json::object out;
  out["id"] = id;
  out["budget"] = budget_json(b, id, book, now_ms);
  out["limits"] = {{"rpm", limit_or_null(limits.rpm)},
                   {"tpm", limit_or_null(limits.tpm)},
                   {"max_parallel", limit_or_null(limits.max_parallel)}};
  out["headroom"] = {{"requests", headroom(limits.rpm, requests)},
                     {"tokens", headroom(limits.tpm, tokens)},
                     {"parallel", limit_or_null(limits.max_parallel)}};
  return out;
}

}  // namespace

task<void> handle_admin_budgets(exchange& ex, worker_services& services, const caller& who) {
  if (ex.request().method() != http::verb::get) {
    const openai_error error{405, "Use GET.", "invalid_request_error", std::nullopt,
                             std::string("method_not_allowed")};
    co_return co_await respond_error(ex, error);
  }
  if (!who.master && !who.key) {
    const openai_error error{403, "This part of the admin API needs the master key.",
                             "invalid_request_error", std::nullopt,
                             std::string("master_key_required")};
    co_return co_await respond_error(ex, error);
  }
  const ledger* book = services.shared.ledger.get();
  const auto keys = services.shared.keys.current();
  const std::int64_t now_ms = unix_ms_now();
  spend_book by_key(book, spend_group::key), by_team(book, spend_group::team);

  json::array key_entries, team_entries;
  for (const auto& [id, key] : keys->by_id) {
    if (key->revoked || (!who.master && id != who.key_id())) continue;
    auto entry = entry_json(key->id, key->limits, key->budget, by_key, now_ms);
    entry["alias"] = key->alias;
    if (key->team.empty())
      entry["team"] = nullptr;
    else
      entry["team"] = key->team;
    key_entries.push_back(std::move(entry));
  }
  for (const auto& [id, t] : keys->teams) {
    if (!who.master && (!who.key || who.key->team != id)) continue;
    team_entries.push_back(entry_json(t.id, t.limits, t.budget, by_team, now_ms));
  }
  json::object body;  // named: see docs/coroutines.md
  body["keys"] = std::move(key_entries);
  body["teams"] = std::move(team_entries);
  co_await ex.respond(http::status::ok, json::serialize(body));
}

}  // namespace keygate
