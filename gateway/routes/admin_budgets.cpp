#include "gateway/routes/admin_budgets.hpp"

#include <boost/json/serialize.hpp>
#include <map>

#include "gateway/access/key_json.hpp"
#include "gateway/accounting/cost.hpp"
#include "gateway/accounting/ledger_store.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/limits/budget_period.hpp"
#include "gateway/limits/limiter.hpp"
#include "gateway/routes/admin_scope.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

using sums = std::map<std::string, spend_row, std::less<>>;

// Spend by key (or team) since a time, from the ledger: the record budgets restart from.
class spend_book {
 public:
  spend_book(const ledger_store* book, spend_group by) : book_(book), by_(by) {}

  // The spend of `id` in the period that holds `now`.
  std::int64_t spent(const std::string& id, const period_window& window) {
    if (!book_) return 0;
    auto [it, fresh] = by_start_.try_emplace(window.start_ms);
    if (fresh) it->second = read(window.start_ms);
    auto row = it->second.find(id);
    return row == it->second.end() ? 0 : row->second.cost_nanos;
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

  const ledger_store* book_;
  spend_group by_;
  std::map<std::int64_t, sums> by_start_;
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

// What the limiter has left for each key and team, read in one call: the tokens in their rpm and
// tpm buckets and their free parallel slots. Null where no limit is set (or it could not be read).
class headroom_book {
 public:
  void ask(const std::string& scope, const rate_limits& limits) {
    if (limits.rpm > 0) ask_rate(scope + ":rpm", limits.rpm);
    if (limits.tpm > 0) ask_rate(scope + ":tpm", limits.tpm);
    if (limits.max_parallel > 0) {
      parallel_at_[scope + ":par"] = query_.parallel.size();
      query_.parallel.push_back({scope + ":par", limits.max_parallel});
    }
  }
  const headroom_query& query() const { return query_; }
  void answer(headroom_report report) { report_ = std::move(report); }

  json::object of(const std::string& scope) const {
    return {{"requests", rate(scope + ":rpm")},
            {"tokens", rate(scope + ":tpm")},
            {"parallel", pick(parallel_at_, report_.parallel, scope + ":par")}};
  }

 private:
  void ask_rate(const std::string& id, std::int64_t per_minute) {
    rate_at_[id] = query_.rates.size();
    query_.rates.push_back({id, per_minute, 0, rate_unit::requests, false});
  }
  json::value rate(const std::string& id) const { return pick(rate_at_, report_.rates, id); }
  static json::value pick(const std::map<std::string, std::size_t>& at,
                          const std::vector<std::int64_t>& values, const std::string& id) {
    auto it = at.find(id);
    if (it == at.end() || it->second >= values.size()) return nullptr;
    return values[it->second];
  }

  headroom_query query_;
  headroom_report report_;
  std::map<std::string, std::size_t> rate_at_, parallel_at_;
};

json::object entry_json(const std::string& id, const rate_limits& limits,
                        const std::optional<budget>& b, spend_book& book, json::object headroom,
                        std::int64_t now_ms) {
  json::object out;
  out["id"] = id;
  out["budget"] = budget_json(b, id, book, now_ms);
  out["limits"] = {{"rpm", limit_or_null(limits.rpm)},
                   {"tpm", limit_or_null(limits.tpm)},
                   {"max_parallel", limit_or_null(limits.max_parallel)}};
  out["headroom"] = std::move(headroom);
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
  const ledger_store* book = services.shared.ledger.get();
  const auto keys = services.shared.keys.current();
  const std::int64_t now_ms = unix_ms_now();
  spend_book by_key(book, spend_group::key), by_team(book, spend_group::team);

  auto key_listed = [&](const virtual_key& key) {
    return !key.revoked && (who.master || key.id == who.key_id());
  };
  auto team_listed = [&](const std::string& id) {
    return who.master || (who.key && who.key->team == id);
  };
  headroom_book headroom;
  for (const auto& [id, key] : keys->by_id)
    if (key_listed(*key)) headroom.ask("k:" + id, key->limits);
  for (const auto& [id, t] : keys->teams)
    if (team_listed(id)) headroom.ask("t:" + id, t.limits);
  const headroom_query& query = headroom.query();
  headroom_report report = co_await services.limits.headroom(query);
  headroom.answer(std::move(report));

  json::array key_entries, team_entries;
  std::optional<openai_error> problem;
  try {  // the spend is read from the ledger as the entries ask for it
    for (const auto& [id, key] : keys->by_id) {
      if (!key_listed(*key)) continue;
      auto entry =
          entry_json(key->id, key->limits, key->budget, by_key, headroom.of("k:" + id), now_ms);
      entry["alias"] = key->alias;
      if (key->team.empty())
        entry["team"] = nullptr;
      else
        entry["team"] = key->team;
      key_entries.push_back(std::move(entry));
    }
    for (const auto& [id, t] : keys->teams) {
      if (!team_listed(id)) continue;
      team_entries.push_back(
          entry_json(t.id, t.limits, t.budget, by_team, headroom.of("t:" + id), now_ms));
    }
  } catch (const std::exception& e) {
    problem = ledger_read_error(e);  // 503 while a shared ledger's server is away
  }
  if (problem) co_return co_await respond_error(ex, *problem);
  json::object body;  // named: see docs/coroutines.md
  body["keys"] = std::move(key_entries);
  body["teams"] = std::move(team_entries);
  co_await ex.respond(http::status::ok, json::serialize(body));
}

}  // namespace keygate
