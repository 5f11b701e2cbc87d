// Bytes queued for the client: views of upstream buffers (forwarded untouched) and strings the
// gateway made. Flushed as one chunk, then cleared; views must outlive only that flush.
#pragma once

#include <boost/asio/buffer.hpp>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keygate {

class outgoing_bytes {
 public:
  void forward(std::string_view bytes) {
    if (bytes.empty()) return;
    if (!buffers_.empty()) {
      auto& last = buffers_.back();
      // Adjacent views of the same upstream buffer merge into one.
      if (static_cast<const char*>(last.data()) + last.size() == bytes.data()) {
        last = boost::asio::const_buffer(last.data(), last.size() + bytes.size());
        return;
      }
    }
    buffers_.emplace_back(bytes.data(), bytes.size());
  }
  void emit(std::string text) {
    if (text.empty()) return;
    const std::string& kept = keep(std::move(text));
    buffers_.emplace_back(kept.data(), kept.size());
  }
  // Puts `text` inside buffer `index`, `offset` bytes into it (the buffer is split in two).
  void insert(std::size_t index, std::size_t offset, std::string text) {
    const auto whole = buffers_[index];
    const char* base = static_cast<const char*>(whole.data());
    const std::string& kept = keep(std::move(text));
    const boost::asio::const_buffer middle(kept.data(), kept.size());
    buffers_[index] = boost::asio::const_buffer(base, offset);
    buffers_.insert(buffers_.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                    {middle, boost::asio::const_buffer(base + offset, whole.size() - offset)});
  }
  bool empty() const { return buffers_.empty(); }
  const std::vector<boost::asio::const_buffer>& buffers() const { return buffers_; }
  void clear() {
    buffers_.clear();
    if (owned_) owned_->clear();  // keeps its first block for the next chunk
  }

 private:
  const std::string& keep(std::string text) {
    if (!owned_) owned_.emplace();
    return owned_->emplace_back(std::move(text));  // deque: earlier strings never move
  }

  std::vector<boost::asio::const_buffer> buffers_;
  // Made on the first string: a deque allocates its map and a block when constructed, and most
  // answers only forward views.
  std::optional<std::deque<std::string>> owned_;
};

}  // namespace keygate
