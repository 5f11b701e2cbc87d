// Console sessions: made at sign-in, kept as the SHA-256 of their token (the token itself only
// ever in the browser's cookie), 12 hours long, in memory for the per-request lookup and in the
// console database so that a restart keeps them.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/access/authenticate.hpp"
#include "gateway/console/db_pool.hpp"

namespace keygate::console {

inline constexpr std::int64_t session_lifetime_ms = 12LL * 60 * 60 * 1000;

struct session {
  std::string token_hash;
  std::string owner;
  std::string key_id;     // "" for the master key
  std::string key_check;  // SHA-256 of the key's stored hash at sign-in: a replaced key ends it
  std::string csrf_token;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
};

// What a sign-in hands back: the token for the cookie (never stored) and the session.
struct new_session {
  std::string token;
  session stored;
};

class session_store {
 public:
  // Loads the sessions still valid (and deletes the expired ones). Blocking: at startup.
  explicit session_store(db_pool& pool);

  // A session for this caller (a key or the master key), written to the database before it
  // returns.
  task<api_result<new_session>> create(const caller& who, std::int64_t now_ms);
  // The session whose token this is, if it exists and has not expired.
  std::optional<session> find(std::string_view token, std::int64_t now_ms);
  void remove(std::string_view token_hash);

  // The caller a session acts as, checked against the keys now: none when its key was revoked,
  // has expired, was replaced or is gone (then the session is deleted at once).
  std::optional<caller> resolve(const session& s, const std::shared_ptr<const key_snapshot>& keys,
                                std::int64_t now_ms);

 private:
  db_pool& pool_;
  std::mutex mutex_;
  std::map<std::string, session, std::less<>> by_hash_;
};

// SHA-256 of what a key's caller stores: the key's hash, or the master key's.
std::string key_check_of(const caller& who);

}  // namespace keygate::console
