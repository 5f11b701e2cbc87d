#include "google_token_api.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

struct issued_token {
  std::chrono::system_clock::time_point expires;
  bool revoked = false;
};

std::mutex mutex;
std::map<std::string, std::string, std::less<>> public_keys;  // client_email -> PEM
std::map<std::string, issued_token, std::less<>> issued;
long token_lifetime = 3600;
std::atomic<std::uint64_t> exchanges{0};
std::atomic<std::uint64_t> next_token{1};

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (standard.size() % 4 != 0) standard += '=';
  std::string out(standard.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(standard.data()),
                                static_cast<int>(standard.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n));
  std::size_t padding = 0;
  for (auto it = standard.rbegin(); it != standard.rend() && *it == '='; ++it) ++padding;
  out.resize(out.size() - std::min(padding, out.size()));
  return out;
}

bool signature_verifies(const std::string& pem, std::string_view input,
                        const std::string& signature) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
  if (!key) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::string form_value(std::string_view form, std::string_view name) {
  while (!form.empty()) {
    auto amp = form.find('&');
    auto item = form.substr(0, amp);
    if (item.starts_with(name) && item.size() > name.size() && item[name.size()] == '=')
      return percent_decoded(item.substr(name.size() + 1));
    form.remove_prefix(amp == std::string_view::npos ? form.size() : amp + 1);
  }
  return {};
}

task<void> refuse(keygate::exchange& ex, std::string_view error, std::string_view description) {
  const json::object body{{"error", error}, {"error_description", description}};
  co_await ex.respond(http::status::bad_request, json::serialize(body));
}

std::int64_t number_claim(const json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  return value && value->is_int64() ? value->get_int64() : -1;
}

std::string string_claim(const json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

// Why the assertion is not acceptable, in Google's words where it has them; empty when it is.
std::string assertion_problem(std::string_view assertion, std::string_view expected_audience) {
  const auto first = assertion.find('.');
  const auto second = assertion.find('.', first == std::string_view::npos ? 0 : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos)
    return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
  auto header_text = base64url_decode(assertion.substr(0, first));
  auto claims_text = base64url_decode(assertion.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(assertion.substr(second + 1));
  if (!header_text || !claims_text || !signature) return "Invalid JWT: not base64url";
  boost::system::error_code ec;
  auto header = json::parse(*header_text, ec);
  if (ec || !header.is_object() || string_claim(header.get_object(), "alg") != "RS256")
    return "Invalid JWT: the header's alg is not RS256";
  auto parsed = json::parse(*claims_text, ec);
  if (ec || !parsed.is_object()) return "Invalid JWT: the claims are not JSON";
  const auto& claims = parsed.get_object();
  std::string pem;
  {
    const std::lock_guard lock(mutex);
    auto key = public_keys.find(string_claim(claims, "iss"));
    if (key == public_keys.end()) return "Invalid grant: account not found";
    pem = key->second;
  }
  if (!signature_verifies(pem, assertion.substr(0, second), *signature))
    return "Invalid JWT Signature.";
  // Google takes its own token URL as the audience wherever the key says to exchange
  // (google-auth always sends it), and the key's token_uri.
  const auto audience = string_claim(claims, "aud");
  if (audience != expected_audience && audience != "https://oauth2.googleapis.com/token")
    return "Invalid JWT: Failed audience check.";
  if (string_claim(claims, "scope").find("https://www.googleapis.com/auth/cloud-platform") ==
      std::string::npos)
    return "Invalid OAuth scope or ID token audience provided.";
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto iat = number_claim(claims, "iat");
  const auto exp = number_claim(claims, "exp");
  if (iat < 0 || iat > now || exp <= now || exp - iat > 3600)
    return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable "
           "timeframe. Check your iat and exp values in the JWT claim.";
  return {};
}

}  // namespace

task<void> google_token(keygate::exchange& ex) {
  const std::string form = ex.request().body();
  if (form_value(form, "grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer")
    co_return co_await refuse(ex, "unsupported_grant_type", "Invalid grant_type: ");
  auto host = ex.request().find(http::field::host);
  const std::string audience =
      "http://" + std::string(host == ex.request().end() ? "" : host->value()) + "/token";
  if (auto problem = assertion_problem(form_value(form, "assertion"), audience); !problem.empty())
    co_return co_await refuse(ex, "invalid_grant", problem);
  ++exchanges;
  const std::string token = "ya29.fake-" + std::to_string(next_token++);
  long lifetime = 0;
  {
    const std::lock_guard lock(mutex);
    lifetime = token_lifetime;
    issued[token] = {std::chrono::system_clock::now() + std::chrono::seconds(lifetime), false};
  }
  const json::object answer{
      {"access_token", token}, {"expires_in", lifetime}, {"token_type", "Bearer"}};
  co_await ex.respond(http::status::ok, json::serialize(answer));
}

task<void> google_register_account(keygate::exchange& ex) {
  boost::system::error_code ec;
  auto body = json::parse(ex.request().body(), ec);
  const auto* account = !ec ? body.if_object() : nullptr;
  const auto email = account ? string_claim(*account, "client_email") : std::string();
  const auto pem = account ? string_claim(*account, "public_key") : std::string();
  if (email.empty() || pem.empty())
    co_return co_await ex.respond(http::status::bad_request,
                                  R"({"error":"client_email and public_key are required"})");
  {
    const std::lock_guard lock(mutex);
    public_keys[email] = pem;
  }
  co_await ex.respond(http::status::ok, "{}");
}

bool google_token_valid(std::string_view token) {
  const std::lock_guard lock(mutex);
  auto it = issued.find(token);
  return it != issued.end() && !it->second.revoked &&
         it->second.expires > std::chrono::system_clock::now();
}

void google_revoke_tokens() {
  const std::lock_guard lock(mutex);
  for (auto& [token, state] : issued) state.revoked = true;
}

void google_set_token_lifetime(long seconds) {
  const std::lock_guard lock(mutex);
  token_lifetime = seconds;
}

std::uint64_t google_token_exchanges() {
  return exchanges.load();
}

}  // namespace fake
