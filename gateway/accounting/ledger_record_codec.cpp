#include "gateway/accounting/ledger_record_codec.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>

namespace keygate {

namespace {

// Frame: magic, payload length, FNV-1a 64 of the payload, then the payload. Little-endian.
constexpr std::uint32_t frame_magic = 0x3152474b;  // "KGR1"
constexpr std::size_t frame_head = 4 + 4 + 8;
constexpr std::size_t max_payload = 64u << 20;

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

template <typename T>
void put(std::string& out, T value) {
  static_assert(std::endian::native == std::endian::little);
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put_text(std::string& out, const std::string& text) {
  put<std::uint32_t>(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

// Which optional fields a payload carries.
enum presence : std::uint8_t { has_cost = 1, has_ttft = 2, has_saved = 4 };

class reader {
 public:
  explicit reader(std::string_view bytes) : rest_(bytes) {}

  template <typename T>
  bool get(T& value) {
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  bool get_text(std::string& text) {
    std::uint32_t size = 0;
    if (!get(size) || rest_.size() < size) return false;
    text.assign(rest_.data(), size);
    rest_.remove_prefix(size);
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

std::optional<ledger_record> decode_payload(std::string_view payload) {
  reader in(payload);
  ledger_record r;
  std::uint8_t flags = 0, known = 0, stream = 0, gone = 0, hit = 0, unit = 0;
  std::int32_t status = 0, attempts = 0;
  std::int64_t cost = 0, saved = 0;
  double ttft = 0;
  const bool ok = in.get(flags) && in.get_text(r.request_id) && in.get(r.time_ms) &&
                  in.get_text(r.key_id) && in.get_text(r.team) && in.get_text(r.endpoint) &&
                  in.get_text(r.model) && in.get_text(r.deployment) && in.get_text(r.provider) &&
                  in.get(status) && in.get_text(r.error_code) && in.get(r.usage.prompt) &&
                  in.get(r.usage.completion) && in.get(r.usage.cached) &&
                  in.get(r.usage.cache_write) && in.get(r.usage.reasoning) && in.get(known) &&
                  in.get(unit) && in.get(r.usage.units) && in.get(cost) && in.get(r.latency_ms) &&
                  in.get(ttft) && in.get(r.overhead_ms) && in.get(attempts) && in.get(stream) &&
                  in.get(gone) && in.get_text(r.end_user) && in.get(hit) && in.get(saved) &&
                  in.get_text(r.attempt_log) && in.done();
  if (!ok || unit > static_cast<std::uint8_t>(usage_unit::search_units)) return std::nullopt;
  r.status = status;
  r.attempts = attempts;
  r.usage.known = known != 0;
  r.usage.unit = static_cast<usage_unit>(unit);
  r.stream = stream != 0;
  r.client_gone = gone != 0;
  r.cache_hit = hit != 0;
  if (flags & has_cost) r.cost_nanos = cost;
  if (flags & has_ttft) r.ttft_ms = ttft;
  if (flags & has_saved) r.saved_nanos = saved;
  return r;
}

}  // namespace

void encode_ledger_frame(const ledger_record& r, std::string& out) {
  const std::size_t start = out.size();
  out.append(frame_head, '\0');
  const std::uint8_t flags =
      (r.cost_nanos ? has_cost : 0) | (r.ttft_ms ? has_ttft : 0) | (r.saved_nanos ? has_saved : 0);
  put(out, flags);
  put_text(out, r.request_id);
  put(out, r.time_ms);
  put_text(out, r.key_id);
  put_text(out, r.team);
  put_text(out, r.endpoint);
  put_text(out, r.model);
  put_text(out, r.deployment);
  put_text(out, r.provider);
  put<std::int32_t>(out, r.status);
  put_text(out, r.error_code);
  put(out, r.usage.prompt);
  put(out, r.usage.completion);
  put(out, r.usage.cached);
  put(out, r.usage.cache_write);
  put(out, r.usage.reasoning);
  put<std::uint8_t>(out, r.usage.known);
  put<std::uint8_t>(out, static_cast<std::uint8_t>(r.usage.unit));
  put(out, r.usage.units);
  put<std::int64_t>(out, r.cost_nanos.value_or(0));
  put(out, r.latency_ms);
  put<double>(out, r.ttft_ms.value_or(0));
  put(out, r.overhead_ms);
  put<std::int32_t>(out, r.attempts);
  put<std::uint8_t>(out, r.stream);
  put<std::uint8_t>(out, r.client_gone);
  put_text(out, r.end_user);
  put<std::uint8_t>(out, r.cache_hit);
  put<std::int64_t>(out, r.saved_nanos.value_or(0));
  put_text(out, r.attempt_log);

  const std::string_view payload(out.data() + start + frame_head, out.size() - start - frame_head);
  const auto size = static_cast<std::uint32_t>(payload.size());
  const std::uint64_t check = fnv1a(payload);
  char* head = out.data() + start;
  std::memcpy(head, &frame_magic, 4);
  std::memcpy(head + 4, &size, 4);
  std::memcpy(head + 8, &check, 8);
}

decoded_frames decode_ledger_frames(std::string_view bytes) {
  decoded_frames out;
  std::size_t at = 0;
  while (bytes.size() - at >= frame_head) {
    std::uint32_t magic = 0, size = 0;
    std::uint64_t check = 0;
    std::memcpy(&magic, bytes.data() + at, 4);
    std::memcpy(&size, bytes.data() + at + 4, 4);
    std::memcpy(&check, bytes.data() + at + 8, 8);
    if (magic != frame_magic || size > max_payload || bytes.size() - at - frame_head < size) break;
    const auto payload = bytes.substr(at + frame_head, size);
    if (fnv1a(payload) != check) break;
    auto record = decode_payload(payload);
    if (!record) break;
    out.records.push_back(std::move(*record));
    at += frame_head + size;
    out.bytes_used = at;
  }
  return out;
}

}  // namespace keygate
