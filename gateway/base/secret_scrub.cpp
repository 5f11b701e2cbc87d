#include "gateway/base/secret_scrub.hpp"

namespace keygate {

namespace {

constexpr std::string_view redacted = "[redacted]";

bool ends_word(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == ',' || c == ';' ||
         c == '(' || c == ')';
}

// A word with "****" in it, minus a sentence's closing period.
bool is_masked_key(std::string_view word) {
  while (!word.empty() && word.back() == '.') word.remove_suffix(1);
  return word.find("****") != std::string_view::npos;
}

}  // namespace

std::string scrub_secret(std::string_view text, std::string_view secret) {
  std::string whole;
  whole.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!secret.empty() && text.substr(i).starts_with(secret)) {
      whole.append(redacted);
      i += secret.size();
    } else {
      whole.push_back(text[i++]);
    }
  }
  std::string out;
  out.reserve(whole.size());
  for (std::size_t i = 0; i < whole.size();) {
    if (ends_word(whole[i])) {
      out.push_back(whole[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < whole.size() && !ends_word(whole[end])) ++end;
    std::string_view word(whole.data() + i, end - i);
    if (is_masked_key(word)) {
      out.append(redacted);
      if (word.back() == '.') out.push_back('.');
    } else {
      out.append(word);
    }
    i = end;
  }
  return out;
}

}  // namespace keygate
