#include "gateway/base/json_members.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace keygate {

namespace {

static_assert(std::endian::native == std::endian::little,
              "the byte masks read the lowest byte first");

// As deep as simdjson's DOM parser goes by default.
constexpr std::size_t max_depth = 1024;

// What each byte is to the scan outside strings.
enum byte_class : unsigned char { other, space, quote, opener, closer };

constexpr std::array<byte_class, 256> byte_classes = [] {
  std::array<byte_class, 256> table{};
  for (unsigned char c : {' ', '\n', '\r', '\t'}) table[c] = space;
  table['"'] = quote;
  table['{'] = table['['] = opener;
  table['}'] = table[']'] = closer;
  return table;
}();

inline byte_class class_of(char c) {
  return byte_classes[static_cast<unsigned char>(c)];
}

inline const char* skip_space(const char* at, const char* end) {
  while (at < end && class_of(*at) == space) ++at;
  return at;
}

// A mask with the high bit of each byte of `word` that is '"' or '\\' set; bits above the lowest
// may be wrong, so only the lowest is read.
inline std::uint64_t quote_or_backslash_bits(std::uint64_t word) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const std::uint64_t quotes = word ^ (ones * '"'), backslashes = word ^ (ones * '\\');
  return (((quotes - ones) & ~quotes) | ((backslashes - ones) & ~backslashes)) & highs;
}

#if defined(__SSE2__)
// The offset of the first byte in at[0, 16) that `matches` (a movemask of byte compares), or 16.
template <class Match>
inline int first_in_16(const char* at, Match&& matches) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  const int mask = _mm_movemask_epi8(matches(bytes));
  return mask ? std::countr_zero(static_cast<unsigned>(mask)) : 16;
}
#endif

// Just past the first '"' or '\\' from `at` on, or `end`.
inline const char* find_quote_or_backslash(const char* at, const char* end) {
#if defined(__SSE2__)
  // Most of an answer is inside strings: sixteen bytes at a time.
  const __m128i quotes = _mm_set1_epi8('"'), backslashes = _mm_set1_epi8('\\');
  while (end - at >= 16) {
    const int found = first_in_16(at, [&](__m128i bytes) {
      return _mm_or_si128(_mm_cmpeq_epi8(bytes, quotes), _mm_cmpeq_epi8(bytes, backslashes));
    });
    if (found < 16) return at + found;
    at += 16;
  }
#endif
  while (end - at >= 8) {
    std::uint64_t word;
    std::memcpy(&word, at, 8);
    if (const std::uint64_t bits = quote_or_backslash_bits(word))
      return at + std::countr_zero(bits) / 8;
    at += 8;
  }
  while (at < end && *at != '"' && *at != '\\') ++at;
  return at;
}

// *at is a string's opening quote: just past its closing one, or nullptr when it does not close.
inline const char* skip_string(const char* at, const char* end) {
  ++at;
  while (true) {
    at = find_quote_or_backslash(at, end);
    if (at >= end) return nullptr;
    if (*at == '"') return at + 1;
    at += 2;  // the backslash and the character it escapes
  }
}

// The first '"', '{', '}', '[' or ']' from `at` on, or `end`.
inline const char* find_structural(const char* at, const char* end) {
#if defined(__SSE2__)
  // '[' and '{' differ only in bit 0x20, as do ']' and '}'.
  const __m128i case_bit = _mm_set1_epi8(0x20), quotes = _mm_set1_epi8('"'),
                openers = _mm_set1_epi8('{'), closers = _mm_set1_epi8('}');
  while (end - at >= 16) {
    const int found = first_in_16(at, [&](__m128i bytes) {
      const __m128i folded = _mm_or_si128(bytes, case_bit);
      return _mm_or_si128(
          _mm_cmpeq_epi8(bytes, quotes),
          _mm_or_si128(_mm_cmpeq_epi8(folded, openers), _mm_cmpeq_epi8(folded, closers)));
    });
    if (found < 16) return at + found;
    at += 16;
  }
#endif
  while (at < end && (class_of(*at) == other || class_of(*at) == space)) ++at;
  return at;
}

// *at opens an object or an array: just past its matching close, or nullptr.
const char* skip_container(const char* at, const char* end) {
  std::array<char, max_depth> closers;
  std::size_t depth = 0;
  while ((at = find_structural(at, end)) < end) {
    switch (class_of(*at)) {
      case quote:
        at = skip_string(at, end);
        if (!at) return nullptr;
        continue;
      case opener:
        if (depth == max_depth) return nullptr;
        closers[depth++] = *at == '{' ? '}' : ']';
        break;
      default:  // closer
        if (depth == 0 || closers[--depth] != *at) return nullptr;
        if (depth == 0) return at + 1;
        break;
    }
    ++at;
  }
  return nullptr;
}

// *at starts a value: just past it, or nullptr.
const char* end_of_value(const char* at, const char* end) {
  if (at >= end) return nullptr;
  switch (class_of(*at)) {
    case quote:
      return skip_string(at, end);
    case opener:
      return skip_container(at, end);
    case other:
      break;
    default:
      return nullptr;
  }
  if (*at == ',' || *at == ':') return nullptr;
  // A number, true, false or null: up to whatever is not part of it (what follows is checked by
  // the caller).
  while (at < end && class_of(*at) == other && *at != ',' && *at != ':') ++at;
  return at;
}

}  // namespace

json_members::json_members(std::string_view text)
    : at_(text.data()), end_(text.data() + text.size()), begin_(text.data()) {
  at_ = skip_space(at_, end_);
  if (at_ >= end_ || *at_ != '{') {
    fail();
    return;
  }
  at_ = skip_space(at_ + 1, end_);
  if (at_ < end_ && *at_ == '}') {
    ++at_;
    done_ = true;
  }
}

bool json_members::fail() {
  failed_ = true;
  done_ = true;
  return false;
}

bool json_members::next(std::string_view& key, std::string_view& value) {
  if (!next_key(key)) return false;
  value = skip_value();
  return !failed_;
}

bool json_members::next_key(std::string_view& key) {
  if (done_) return false;
  if (at_ >= end_ || *at_ != '"') return fail();
  const char* key_end = skip_string(at_, end_);
  if (!key_end) return fail();
  key = std::string_view(at_ + 1, static_cast<std::size_t>(key_end - at_ - 2));
  at_ = skip_space(key_end, end_);
  if (at_ >= end_ || *at_ != ':') return fail();
  at_ = skip_space(at_ + 1, end_);
  return true;
}

std::string_view json_members::skip_value() {
  const char* value_end = end_of_value(at_, end_);
  if (!value_end) {
    fail();
    return {};
  }
  const std::string_view value(at_, static_cast<std::size_t>(value_end - at_));
  after_value(value_end);
  return value;
}

bool json_members::value_is_object() const {
  return !done_ && at_ < end_ && *at_ == '{';
}

json_members json_members::open_value() const {
  return json_members(std::string_view(at_, static_cast<std::size_t>(end_ - at_)));
}

void json_members::resume_after(json_members& inner) {
  std::string_view key;
  while (inner.next_key(key)) inner.skip_value();  // what the caller left unread
  if (inner.failed_)
    fail();
  else
    after_value(inner.at_);
}

void json_members::after_value(const char* value_end) {
  at_ = skip_space(value_end, end_);
  const char separator = at_ < end_ ? *at_ : '\0';
  if (separator == ',') {
    at_ = skip_space(at_ + 1, end_);
  } else if (separator == '}') {
    ++at_;
    done_ = true;
  } else {
    fail();
  }
}

bool only_json_whitespace_from(std::string_view text, std::size_t from) {
  const char* end = text.data() + text.size();
  return from >= text.size() || skip_space(text.data() + from, end) == end;
}

}  // namespace keygate
