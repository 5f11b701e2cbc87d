#include "gateway/accounting/pg_ledger_rows.hpp"

#include <charconv>
#include <cmath>

namespace keygate {

namespace {

constexpr const char* pg_columns =
    "record_id, request_id, time_ms, key_id, team, endpoint, model, deployment, provider, status, "
    "error_code, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, "
    "reasoning_tokens, usage_known, cost_nanos, latency_ms, stream, client_gone, ttft_ms, "
    "overhead_ms, attempts, end_user, cache_hit, saved_nanos, unit_kind, units";

// PostgreSQL text cannot hold NUL; a client's model name could.
std::string pg_text(const std::string& value) {
  if (value.find('\0') == std::string::npos) return value;
  std::string clean;
  for (char c : value)
    if (c != '\0') clean.push_back(c);
  return clean;
}

std::string pg_number(double value) {
  if (!std::isfinite(value)) value = 0;  // NaN and infinities are stored as 0, as in SQLite
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

std::string pg_flag(bool value) {
  return value ? "t" : "f";
}

}  // namespace

pg_ledger_row pg_ledger_row_of(const ledger_record& r, std::string record_id) {
  pg_ledger_row row;
  row.reserve(pg_ledger_column_count);
  row.emplace_back(std::move(record_id));
  row.emplace_back(pg_text(r.request_id));
  row.emplace_back(std::to_string(r.time_ms));
  row.emplace_back(pg_text(r.key_id));
  row.emplace_back(pg_text(r.team));
  row.emplace_back(pg_text(r.endpoint));
  row.emplace_back(pg_text(r.model));
  row.emplace_back(pg_text(r.deployment));
  row.emplace_back(pg_text(r.provider));
  row.emplace_back(std::to_string(r.status));
  row.emplace_back(pg_text(r.error_code));
  row.emplace_back(std::to_string(r.usage.prompt));
  row.emplace_back(std::to_string(r.usage.completion));
  row.emplace_back(std::to_string(r.usage.cached));
  row.emplace_back(std::to_string(r.usage.cache_write));
  row.emplace_back(std::to_string(r.usage.reasoning));
  row.emplace_back(pg_flag(r.usage.known));
  row.emplace_back(r.cost_nanos ? pg_param(std::to_string(*r.cost_nanos)) : std::nullopt);
  row.emplace_back(pg_number(r.latency_ms));
  row.emplace_back(pg_flag(r.stream));
  row.emplace_back(pg_flag(r.client_gone));
  const bool ttft_known = r.ttft_ms && !std::isnan(*r.ttft_ms);
  row.emplace_back(ttft_known ? pg_param(pg_number(*r.ttft_ms)) : std::nullopt);
  row.emplace_back(pg_number(r.overhead_ms));
  row.emplace_back(std::to_string(r.attempts));
  row.emplace_back(pg_text(r.end_user));
  row.emplace_back(pg_flag(r.cache_hit));
  row.emplace_back(r.saved_nanos ? pg_param(std::to_string(*r.saved_nanos)) : std::nullopt);
  row.emplace_back(std::string(unit_name(r.usage.unit)));
  row.emplace_back(pg_number(r.usage.units));
  return row;
}

std::string pg_ledger_insert_sql(std::size_t rows) {
  std::string sql = "WITH inserted AS (INSERT INTO requests (";
  sql += pg_columns;
  sql += ") VALUES ";
  std::size_t parameter = 1;
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i ? ",(" : "(";
    for (std::size_t c = 0; c < pg_ledger_column_count; ++c) {
      if (c) sql += ',';
      sql += '$';
      sql += std::to_string(parameter++);
    }
    sql += ')';
  }
  // The rows really inserted (not those already there) are added to their day's totals in the
  // same statement, so the totals can neither miss a row nor count one twice. Sorted, so that two
  // writers lock the totals' rows in the same order.
  sql += R"sql( ON CONFLICT (record_id) DO NOTHING
      RETURNING time_ms, key_id, team, model, prompt_tokens, completion_tokens, cached_tokens,
                cache_write_tokens, reasoning_tokens, cost_nanos, cache_hit, saved_nanos),
    totals AS (
      INSERT INTO spend_daily AS s (day, key_id, team, model, requests, prompt_tokens,
                                    completion_tokens, cached_tokens, cache_write_tokens,
                                    reasoning_tokens, cost_nanos, unknown_cost_requests,
                                    cache_hits, saved_nanos)
      SELECT time_ms / 86400000, key_id, team, model, count(*), sum(prompt_tokens),
             sum(completion_tokens), sum(cached_tokens), sum(cache_write_tokens),
             sum(reasoning_tokens), coalesce(sum(cost_nanos), 0), count(*) - count(cost_nanos),
             count(*) FILTER (WHERE cache_hit), coalesce(sum(saved_nanos), 0)
      FROM inserted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (day, key_id, team, model) DO UPDATE SET
        requests = s.requests + excluded.requests,
        prompt_tokens = s.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = s.completion_tokens + excluded.completion_tokens,
        cached_tokens = s.cached_tokens + excluded.cached_tokens,
        cache_write_tokens = s.cache_write_tokens + excluded.cache_write_tokens,
        reasoning_tokens = s.reasoning_tokens + excluded.reasoning_tokens,
        cost_nanos = s.cost_nanos + excluded.cost_nanos,
        unknown_cost_requests = s.unknown_cost_requests + excluded.unknown_cost_requests,
        cache_hits = s.cache_hits + excluded.cache_hits,
        saved_nanos = s.saved_nanos + excluded.saved_nanos)
    SELECT count(*) FROM inserted)sql";
  return sql;
}

void append_spool_line(std::string& out, const pg_ledger_row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += '\t';
    if (!row[i]) {
      out += "\\N";
      continue;
    }
    for (char c : *row[i]) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
  }
  out += '\n';
}

std::optional<pg_ledger_row> parse_spool_line(std::string_view line) {
  pg_ledger_row row;
  row.reserve(pg_ledger_column_count);
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    const auto field = line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
    if (field == "\\N") {
      row.emplace_back(std::nullopt);
    } else {
      std::string value;
      value.reserve(field.size());
      for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] != '\\' || i + 1 == field.size()) {
          value += field[i];
          continue;
        }
        switch (field[++i]) {
          case 't':
            value += '\t';
            break;
          case 'n':
            value += '\n';
            break;
          case 'r':
            value += '\r';
            break;
          default:
            value += field[i];
        }
      }
      row.emplace_back(std::move(value));
    }
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (row.size() == pg_ledger_column_count_before_end_users) {
    row.emplace_back(std::string());     // end_user
    row.emplace_back(std::string("f"));  // cache_hit
    row.emplace_back(std::nullopt);      // saved_nanos
  }
  if (row.size() == pg_ledger_column_count_before_units) {
    row.emplace_back(std::string());     // unit_kind
    row.emplace_back(std::string("0"));  // units
  }
  if (row.size() != pg_ledger_column_count || !row[0] || row[0]->empty()) return std::nullopt;
  return row;
}

}  // namespace keygate
