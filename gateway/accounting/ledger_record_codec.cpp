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

// Writes into a buffer sized beforehand: one resize per frame, no append per field.
class writer {
 public:
  explicit writer(char* at) : at_(at) {}
  template <typename T>
  void put(T value) {
    static_assert(std::endian::native == std::endian::little);
    std::memcpy(at_, &value, sizeof(T));
    at_ += sizeof(T);
  }
  void put_text(const std::string& text) {
    put<std::uint32_t>(static_cast<std::uint32_t>(text.size()));
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }

 private:
  char* at_;
};

// The payload's fixed-size fields, in bytes: everything but the texts' bytes.
constexpr std::size_t fixed_payload = 1 + 8 + 4 + 5 * 8 + 1 + 1 + 8 + 8 + 8 + 8 + 8 + 4 + 1 + 1 +
                                      1 + 8 + 10 * 4;  // ten texts' lengths

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
  const std::size_t texts = r.request_id.size() + r.key_id.size() + r.team.size() +
                            r.endpoint.size() + r.model.size() + r.deployment.size() +
                            r.provider.size() + r.error_code.size() + r.end_user.size() +
                            r.attempt_log.size();
  const std::size_t payload_size = fixed_payload + texts;
  const std::size_t start = out.size();
  out.resize(start + frame_head + payload_size);
  char* const head = out.data() + start;
  writer w(head + frame_head);
  const std::uint8_t flags =
      (r.cost_nanos ? has_cost : 0) | (r.ttft_ms ? has_ttft : 0) | (r.saved_nanos ? has_saved : 0);
  w.put(flags);
  w.put_text(r.request_id);
  w.put(r.time_ms);
  w.put_text(r.key_id);
  w.put_text(r.team);
  w.put_text(r.endpoint);
  w.put_text(r.model);
  w.put_text(r.deployment);
  w.put_text(r.provider);
  w.put<std::int32_t>(r.status);
  w.put_text(r.error_code);
  w.put(r.usage.prompt);
  w.put(r.usage.completion);
  w.put(r.usage.cached);
  w.put(r.usage.cache_write);
  w.put(r.usage.reasoning);
  w.put<std::uint8_t>(r.usage.known);
  w.put<std::uint8_t>(static_cast<std::uint8_t>(r.usage.unit));
  w.put(r.usage.units);
  w.put<std::int64_t>(r.cost_nanos.value_or(0));
  w.put(r.latency_ms);
  w.put<double>(r.ttft_ms.value_or(0));
  w.put(r.overhead_ms);
  w.put<std::int32_t>(r.attempts);
  w.put<std::uint8_t>(r.stream);
  w.put<std::uint8_t>(r.client_gone);
  w.put_text(r.end_user);
  w.put<std::uint8_t>(r.cache_hit);
  w.put<std::int64_t>(r.saved_nanos.value_or(0));
  w.put_text(r.attempt_log);

  const std::string_view payload(head + frame_head, payload_size);
  const auto size = static_cast<std::uint32_t>(payload_size);
  const std::uint64_t check = fnv1a(payload);
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
