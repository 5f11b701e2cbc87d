#include "gateway/access/authenticate.hpp"

#include <gtest/gtest.h>

#include "gateway/base/key_hash.hpp"

namespace keygate::authenticate_test {
namespace {

constexpr std::int64_t now = 1'800'000'000'000;

http_request with_header(const char* name, const std::string& value) {
  http_request req{http::verb::post, "/v1/chat/completions", 11};
  req.set(name, value);
  return req;
}

class Authenticate : public ::testing::Test {
 protected:
  void SetUp() override {
    auth_options auth;
    auth.master_key_hash = sha256_hex("master-secret-0123456789");
    team research;
    research.id = "research";
    research.models = {"small", "large"};
    research.from_config = true;
    auth.teams.push_back(research);
    virtual_key k;
    k.id = "alice";
    k.hash = sha256_hex("sk-alice");
    k.team = "research";
    auth.keys.push_back(k);
    k.id = "old";
    k.hash = sha256_hex("sk-old");
    k.team.clear();
    k.expires_ms = now - 1;
    auth.keys.push_back(k);
    registry.set_config(auth);
    virtual_key revoked;
    revoked.id = "gone";
    revoked.hash = sha256_hex("sk-gone");
    revoked.revoked = true;
    registry.put_stored(revoked);
  }
  key_registry registry;
};

TEST_F(Authenticate, AcceptsBearerAndXApiKeyAndApiKey) {
  for (auto [name, value] :
       {std::pair{"authorization", "Bearer sk-alice"}, std::pair{"x-api-key", "sk-alice"},
        std::pair{"api-key", "sk-alice"}}) {
    caller who;
    auto error = authenticate(with_header(name, value), registry.current(), now, who);
    ASSERT_FALSE(error) << name;
    ASSERT_TRUE(who.key);
    EXPECT_EQ(who.key->id, "alice");
    ASSERT_TRUE(who.key_team);
    EXPECT_EQ(who.key_team->id, "research");
    EXPECT_FALSE(who.master);
  }
}

TEST_F(Authenticate, AKeyUsesWhatItsListAndItsTeamsBothAllow) {
  caller who;
  ASSERT_FALSE(
      authenticate(with_header("authorization", "Bearer sk-alice"), registry.current(), now, who));
  EXPECT_TRUE(who.allows("small"));
  EXPECT_FALSE(who.allows("other"));  // the key allows every model; its team does not
  // A team stored through the admin API with the same id does not replace the config's.
  team stored;
  stored.id = "research";
  registry.put_stored_team(stored);
  caller again;
  ASSERT_FALSE(authenticate(with_header("authorization", "Bearer sk-alice"), registry.current(),
                            now, again));
  EXPECT_FALSE(again.allows("other"));
  EXPECT_TRUE(again.key_team->from_config);
  // One of its own is added beside it, and dropped again.
  stored.id = "ops";
  registry.put_stored_team(stored);
  EXPECT_TRUE(registry.current()->teams.contains("ops"));
  registry.drop_stored_team("ops");
  EXPECT_FALSE(registry.current()->teams.contains("ops"));
  caller master;
  ASSERT_FALSE(authenticate(with_header("authorization", "Bearer master-secret-0123456789"),
                            registry.current(), now, master));
  EXPECT_TRUE(master.allows("other"));
}

TEST_F(Authenticate, RecognizesTheMasterKey) {
  caller who;
  EXPECT_FALSE(authenticate(with_header("authorization", "Bearer master-secret-0123456789"),
                            registry.current(), now, who));
  EXPECT_TRUE(who.master);
  EXPECT_FALSE(who.key);
}

TEST_F(Authenticate, RefusesMissingWrongRevokedAndExpiredKeysWithout401Leaks) {
  struct row {
    const char* header;
    const char* value;
    const char* code;
  };
  for (auto r : {row{"x-other", "x", "missing_api_key"},
                 row{"authorization", "Bearer sk-wrong-secret", "invalid_api_key"},
                 row{"authorization", "Bearer sk-gone", "key_revoked"},
                 row{"authorization", "Bearer sk-old", "key_expired"}}) {
    caller who;
    auto error = authenticate(with_header(r.header, r.value), registry.current(), now, who);
    ASSERT_TRUE(error) << r.value;
    EXPECT_EQ(error->status, 401);
    EXPECT_EQ(error->code, r.code);
    EXPECT_EQ(error->message.find(r.value), std::string::npos);
  }
}

TEST_F(Authenticate, EverybodyPassesWhenNoKeyExists) {
  key_registry empty;
  caller who;
  EXPECT_FALSE(authenticate(with_header("x-other", "x"), empty.current(), now, who));
  EXPECT_FALSE(who.key);
  EXPECT_FALSE(who.master);
}

TEST_F(Authenticate, AConfigKeyWinsOverAStoredOneWithTheSameId) {
  virtual_key shadow;
  shadow.id = "alice";
  shadow.hash = sha256_hex("sk-shadow");
  registry.put_stored(shadow);
  caller who;
  EXPECT_TRUE(
      authenticate(with_header("authorization", "Bearer sk-shadow"), registry.current(), now, who));
  EXPECT_FALSE(
      authenticate(with_header("authorization", "Bearer sk-alice"), registry.current(), now, who));
}

}  // namespace
}  // namespace keygate::authenticate_test
