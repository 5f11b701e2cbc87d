#include "gateway/translators/bedrock/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace keygate::aws {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Leading and trailing spaces go, and inner runs of spaces become one.
std::string trimmed_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

std::vector<std::pair<std::string, std::string>> sorted_headers(const request_parts& request) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : request.headers) {
    auto key = lowercase(name);
    auto it =
        std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == key; });
    if (it == headers.end())
      headers.emplace_back(std::move(key), trimmed_value(value));
    else
      it->second += "," + trimmed_value(value);  // repeated headers join with commas
  }
  std::sort(headers.begin(), headers.end());
  return headers;
}

// "k=v" pairs, each side encoded once, sorted by key then value.
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = pair.substr(0, eq);
    auto value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    pairs.emplace_back(uri_encode(key, false), uri_encode(value, false));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) out += (out.empty() ? "" : "&") + key + "=" + value;
  return out;
}

}  // namespace

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 0xf];
    }
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[17];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &tm);
  return text;
}

std::string signed_headers(const request_parts& request) {
  std::string out;
  for (const auto& header : sorted_headers(request)) out += (out.empty() ? "" : ";") + header.first;
  return out;
}

std::string canonical_request(const request_parts& request) {
  std::string out(request.method);
  // Every service but S3 signs the path encoded once more than it travels.
  out += "\n" + (request.path.empty() ? std::string("/") : uri_encode(request.path, true));
  out += "\n" + canonical_query(request.query) + "\n";
  for (const auto& [name, value] : sorted_headers(request)) out += name + ":" + value + "\n";
  out += "\n" + signed_headers(request) + "\n" + sha256_hex(request.body);
  return out;
}

std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service) {
  return std::string(date) + "/" + std::string(region) + "/" + std::string(service) +
         "/aws4_request";
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + std::string(scope) + "\n" +
         sha256_hex(canonical);
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  const std::string k_date = hmac_sha256("AWS4" + std::string(secret), date);
  const std::string k_region = hmac_sha256(k_date, region);
  const std::string k_service = hmac_sha256(k_region, service);
  return hmac_sha256(k_service, "aws4_request");
}

signature sign(const request_parts& request, const credentials& keys, std::string_view amz_date,
               std::string_view region, std::string_view service) {
  const std::string_view date = amz_date.substr(0, 8);
  const std::string scope = credential_scope(date, region, service);
  signature out;
  out.canonical = canonical_request(request);
  out.string_to_sign = string_to_sign(amz_date, scope, out.canonical);
  out.value = hex(
      hmac_sha256(signing_key(keys.secret_access_key, date, region, service), out.string_to_sign));
  out.authorization = "AWS4-HMAC-SHA256 Credential=" + keys.access_key_id + "/" + scope +
                      ", SignedHeaders=" + signed_headers(request) + ", Signature=" + out.value;
  return out;
}

}  // namespace keygate::aws
