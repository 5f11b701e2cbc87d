// Spend rows as CSV, with the JSON answer's field names as the header line.
#pragma once

#include <string>
#include <vector>

#include "gateway/accounting/ledger_queries.hpp"

namespace keygate {

std::string spend_csv(const std::vector<spend_row>& rows, bool two_dimensions);

}  // namespace keygate
