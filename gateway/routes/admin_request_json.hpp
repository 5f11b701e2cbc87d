// A ledger row as the admin API shows it (docs/admin-api.md, "Requests"): no prompt or answer text,
// which the ledger does not hold.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "gateway/accounting/ledger_requests.hpp"

namespace keygate {

struct ledger_record;

boost::json::object request_row_json(const request_row& row);
// The same shape for a request that has just finished (the live tail), before it is in the ledger.
boost::json::object request_record_json(const ledger_record& record);
// A cost in both forms: cost_usd (a number) and cost_nanos (exact); null both when unknown.
void put_cost(boost::json::object& out, std::optional<std::int64_t> cost_nanos);
// What a cache saved, the same way: saved_usd and saved_nanos.
void put_saved(boost::json::object& out, std::optional<std::int64_t> saved_nanos);

}  // namespace keygate
