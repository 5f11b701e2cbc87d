// A ledger record as the PostgreSQL ledger writes it: its row's values in PostgreSQL's text form
// (the parameters of a multi-row INSERT), and the same values as one line of the local spool.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/accounting/ledger_types.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

// One row: record_id first, then the columns of `requests` in pg_ledger_columns order.
using pg_ledger_row = std::vector<pg_param>;

constexpr std::size_t pg_ledger_column_count = 29;
// Spool lines written before unit_kind and units were recorded have this many fields; they are
// read with those two at their defaults.
constexpr std::size_t pg_ledger_column_count_before_units = 27;
// Spool lines written before end_user, cache_hit and saved_nanos were recorded have this many
// fields; they are read with those three at their defaults.
constexpr std::size_t pg_ledger_column_count_before_end_users = 24;

// The row of `record`, written under `record_id` (unique per record: what makes a replay
// idempotent).
pg_ledger_row pg_ledger_row_of(const ledger_record& record, std::string record_id);

// One statement inserting `rows` rows ($1, $2, ...) that are not there yet (ON CONFLICT
// (record_id) DO NOTHING) and adding them to spend_daily; its one result is the rows inserted.
std::string pg_ledger_insert_sql(std::size_t rows);

// The row as one spool line (tab-separated, escaped like COPY's text format, ending in '\n').
void append_spool_line(std::string& out, const pg_ledger_row& row);
// The row of one spool line (without its '\n'); nullopt when the line is not one.
std::optional<pg_ledger_row> parse_spool_line(std::string_view line);

}  // namespace keygate
