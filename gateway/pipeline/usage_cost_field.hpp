// Adds the request's cost to the usage object of a stream's usage chunk, in the bytes about to go
// to the client: `"usage":{` becomes `"usage":{"cost_usd":0.000042,`. A JSON string cannot hold
// an unescaped quote, so the pattern only matches the real key.
#pragma once

#include <optional>
#include <string_view>

#include "gateway/base/outgoing_bytes.hpp"

namespace keygate {

struct usage_spot {
  std::size_t buffer = 0;
  std::size_t offset = 0;  // just after the usage object's `{`
  bool empty_object = false;
};

std::optional<usage_spot> find_usage_object(const outgoing_bytes& out);
void add_cost_to_usage(outgoing_bytes& out, const usage_spot& spot, std::string_view cost_usd);

}  // namespace keygate
