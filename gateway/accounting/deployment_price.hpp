// The prices that apply to one deployment.
#pragma once

#include "gateway/config/config.hpp"
#include "gateway/config/token_prices.hpp"

namespace keygate {

// The deployment's own `price:` when it has one, else the built-in table's entry for its provider
// and model; nullptr when neither knows the model. The tables' answer is kept in the deployment
// (price_memo) until the override table changes, so its provider and model must not change once
// it has been priced.
const token_prices* price_for(const deployment& d);

}  // namespace keygate
