// The canonical stream's events as a door's encoder receives them: bytes handed over in any
// grouping, split here into SSE events and read as chunks.
#pragma once

#include <string>

#include "gateway/base/outgoing_bytes.hpp"
#include "gateway/doors/common/canonical_answer.hpp"
#include "gateway/translators/common/sse_splitter.hpp"

namespace keygate::doors {

class canonical_events {
 public:
  // Calls on_chunk(const canonical_chunk&) for each chunk that is whole by now.
  template <class F>
  void feed(const outgoing_bytes& bytes, F&& on_chunk) {
    for (const auto& buffer : bytes.buffers()) {
      const std::string_view piece(static_cast<const char*>(buffer.data()), buffer.size());
      splitter_.feed(piece, [&](std::string_view event) {
        const std::string_view data = sse_event_data(event, joined_);
        if (data.empty()) return;
        if (auto chunk = read_chunk(data)) on_chunk(*chunk);
      });
    }
  }

 private:
  sse_splitter splitter_;
  std::string joined_;
};

}  // namespace keygate::doors
