// API-made keys and teams in PostgreSQL: what one instance saves, another loads.
#include "gateway/access/postgres_key_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/postgres_server.hpp"

namespace keygate::postgres_key_store_test {
namespace {

using testing::postgres_server;

TEST(PostgresKeyStore, AKeySavedByOneInstanceLoadsInAnother) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  postgres_key_store first(server.options());
  postgres_key_store second(server.options());
  EXPECT_TRUE(second.load().empty());
  virtual_key key;
  key.id = "made-by-first";
  key.hash = std::string(64, 'a');
  key.alias = "shared";
  first.save(key);
  auto loaded = second.load();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].id, "made-by-first");
  EXPECT_EQ(loaded[0].hash, key.hash);
  key.revoked = true;
  second.save(key);  // replaced, not added
  loaded = first.load();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_TRUE(loaded[0].revoked);
}

TEST(PostgresKeyStore, ATeamSavedByOneInstanceLoadsInAnotherUntilRemoved) {
  KEYGATE_NEED_POSTGRES();
  postgres_server server;
  postgres_key_store first(server.options());
  postgres_key_store second(server.options());
  EXPECT_TRUE(second.load_teams().empty());
  team t;
  t.id = "blue";
  t.models = {"chat"};
  t.limits.rpm = 60;
  first.save_team(t);
  auto loaded = second.load_teams();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].id, "blue");
  EXPECT_EQ(loaded[0].models, t.models);
  EXPECT_EQ(loaded[0].limits.rpm, 60);
  t.limits.rpm = 120;
  second.save_team(t);  // replaced, not added
  loaded = first.load_teams();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].limits.rpm, 120);
  first.remove_team("blue");
  EXPECT_TRUE(second.load_teams().empty());
  EXPECT_TRUE(second.load().empty());  // the keys' table is another one
}

TEST(PostgresKeyStore, AnUnreachableServerIsAKeyStoreError) {
  KEYGATE_NEED_POSTGRES();
  postgres_options options;
  options.host = "127.0.0.1";
  options.port = 1;  // nobody listens there
  options.password = "never-shown-pw";
  postgres_key_store store(options);
  try {
    store.load();
    FAIL() << "loaded from nowhere";
  } catch (const key_store_error& e) {
    EXPECT_EQ(std::string(e.what()).find("never-shown-pw"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace keygate::postgres_key_store_test
