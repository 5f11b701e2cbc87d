// Token counts of one answer, in OpenAI's terms (prompt includes cached, completion includes
// reasoning).
#pragma once

#include <cstdint>

namespace keygate {

struct token_usage {
  std::int64_t prompt = 0;
  std::int64_t completion = 0;
  std::int64_t cached = 0;
  std::int64_t cache_write = 0;
  std::int64_t reasoning = 0;
  bool known = false;  // the upstream reported it

  std::int64_t total() const { return prompt + completion; }
};

}  // namespace keygate
