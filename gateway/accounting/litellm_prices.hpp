// `keygate prices import`: a price list in LiteLLM's model_prices_and_context_window.json format
// read into keygate's price file format, with what it changes against a table (docs/pricing.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/accounting/price_table.hpp"

namespace keygate {

struct price_import {
  std::string yaml;                  // the override file: the models that are new or changed
  std::vector<std::string> changes;  // "openai gpt-4o: input 2.5 -> 2.75", "new: ..."
  std::size_t unchanged = 0;
  std::size_t skipped = 0;  // entries of providers keygate does not speak, or without prices
};

// Throws std::runtime_error for text that is not a JSON object. `checked` (YYYY-MM-DD) is
// written into the file as the date the prices were checked.
price_import import_litellm_prices(std::string_view json_text, const price_table& against,
                                   std::string_view checked, std::string_view source_name);

}  // namespace keygate
