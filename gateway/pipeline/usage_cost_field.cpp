#include "gateway/pipeline/usage_cost_field.hpp"

#include <string>

namespace keygate {

namespace {

// The offset just after the `{` of a `"usage": {` in `text`, or npos.
std::size_t usage_object_body(std::string_view text) {
  constexpr std::string_view key = "\"usage\"";
  for (auto at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    auto i = at + key.size();
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && text[i] == '{') return i + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<usage_spot> find_usage_object(const outgoing_bytes& out) {
  const auto& buffers = out.buffers();
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    std::string_view text(static_cast<const char*>(buffers[i].data()), buffers[i].size());
    const auto at = usage_object_body(text);
    if (at == std::string_view::npos) continue;
    std::size_t next = at;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\n')) ++next;
    return usage_spot{i, at, next < text.size() && text[next] == '}'};
  }
  return std::nullopt;
}

void add_cost_to_usage(outgoing_bytes& out, const usage_spot& spot, std::string_view cost_usd) {
  std::string field = "\"cost_usd\":" + std::string(cost_usd) + (spot.empty_object ? "" : ",");
  out.insert(spot.buffer, spot.offset, std::move(field));
}

}  // namespace keygate
