// Splits a server-sent-events byte stream into whole events, fed at any byte split. An event ends
// at an empty line; lines end with "\n", "\r\n" or "\r" (the SSE rules), so "\n\n", "\r\n\r\n"
// and "\r\r" all separate events.
#pragma once

#include <string>
#include <string_view>

namespace keygate {

class sse_splitter {
 public:
  // Calls on_event(std::string_view event) for each complete event, blank line included. The view
  // points into `bytes` when the event lies wholly inside it, else into internal storage; either
  // way it is valid only during the call.
  template <class F>
  void feed(std::string_view bytes, F&& on_event);

  // Whether bytes of an unfinished event are waiting (a lone line break left over from a "\r\n"
  // split across reads does not count).
  bool has_partial_event() const { return carry_.find_first_not_of("\r\n") != std::string::npos; }

 private:
  // Returns the offset just past the end of the first complete event in bytes, or npos.
  std::size_t scan(std::string_view bytes);

  std::string carry_;
  bool line_empty_ = true;
  bool after_cr_ = false;
};

template <class F>
void sse_splitter::feed(std::string_view bytes, F&& on_event) {
  while (!bytes.empty()) {
    const std::size_t end = scan(bytes);
    if (end == std::string_view::npos) {
      carry_.append(bytes);
      return;
    }
    if (carry_.empty()) {
      on_event(bytes.substr(0, end));
    } else {
      carry_.append(bytes.substr(0, end));
      on_event(std::string_view(carry_));
      carry_.clear();
    }
    bytes.remove_prefix(end);
  }
}

// The data of one event: its `data:` lines joined by "\n", a single leading space dropped.
// Returns a view into `event` when there is one data line, else fills `joined` and views that.
std::string_view sse_event_data(std::string_view event, std::string& joined);

}  // namespace keygate
