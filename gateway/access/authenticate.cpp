#include "gateway/access/authenticate.hpp"

#include <chrono>

#include "gateway/base/key_hash.hpp"

namespace keygate {

namespace {

openai_error unauthorized(std::string message, std::string code) {
  return {401, std::move(message), "invalid_request_error", std::nullopt, std::move(code)};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::int64_t unix_ms_now() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string_view presented_secret(const http_request& request) {
  auto auth = request.find(http::field::authorization);
  if (auth != request.end()) {
    std::string_view value = trim(auth->value());
    if (value.size() > 7 && (value.starts_with("Bearer ") || value.starts_with("bearer ")))
      return trim(value.substr(7));
  }
  for (const char* name : {"x-api-key", "api-key"}) {
    auto it = request.find(name);
    if (it != request.end()) return trim(it->value());
  }
  return {};
}

std::optional<openai_error> authenticate(const http_request& request,
                                         std::shared_ptr<const key_snapshot> keys,
                                         std::int64_t now_ms, caller& out) {
  out.snapshot = keys;
  if (!keys->auth_enabled) return std::nullopt;
  const std::string_view secret = presented_secret(request);
  if (secret.empty())
    return unauthorized("No API key was given. Send it as 'Authorization: Bearer <key>'.",
                        "missing_api_key");
  const std::string hash = sha256_hex(secret);
  if (!keys->master_hash.empty() && constant_time_equal(hash, keys->master_hash)) {
    out.master = true;
    return std::nullopt;
  }
  // The map is keyed by the hash, so a lookup reveals nothing about the secret itself.
  auto it = keys->by_hash.find(hash);
  if (it == keys->by_hash.end())
    return unauthorized("Incorrect API key provided.", "invalid_api_key");
  const auto& key = it->second;
  if (key->revoked) return unauthorized("This API key has been revoked.", "key_revoked");
  if (key->expired(now_ms)) return unauthorized("This API key has expired.", "key_expired");
  out.key = key;
  if (!key->team.empty()) {
    auto t = keys->teams.find(key->team);
    if (t != keys->teams.end()) out.key_team = &t->second;
  }
  return std::nullopt;
}

}  // namespace keygate
