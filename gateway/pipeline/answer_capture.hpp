// An answer's bytes as they go to the client, kept for the response cache up to a bound.
#pragma once

#include <cstddef>
#include <string_view>

#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/services/response_cache.hpp"

namespace keygate {

struct answer_capture {
  cached_answer answer;
  std::size_t limit = 0;
  bool too_big = false;  // past `limit`: not kept

  void append(std::string_view bytes) {
    if (too_big) return;
    if (answer.body.size() + bytes.size() > limit) {
      too_big = true;
      answer.body.clear();
      answer.body.shrink_to_fit();
      return;
    }
    answer.body.append(bytes);
  }
  void append(const outgoing_bytes& out) {
    for (const auto& piece : out.buffers())
      append(std::string_view(static_cast<const char*>(piece.data()), piece.size()));
  }
};

}  // namespace keygate
