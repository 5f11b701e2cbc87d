#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "gateway/base/key_hash.hpp"
#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_access_test {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

using config_testing::problems_of;

const std::string models =
    "models:\n"
    "  - name: m\n"
    "    provider: mock\n"
    "    rpm: 100\n"
    "    tpm: 5000\n";

TEST(ConfigAccess, KeysTeamsBudgetsAndLimits) {
  setenv("KEYGATE_TEST_MASTER", "master-key-0123456789abcdef", 1);
  const auto cfg = parse_config(models +
                                    "auth:\n"
                                    "  master_key: os.environ/KEYGATE_TEST_MASTER\n"
                                    "  teams:\n"
                                    "    - id: research\n"
                                    "      budget: {usd: 100, period: monthly}\n"
                                    "      rpm: 600\n"
                                    "  keys:\n"
                                    "    - id: alice\n"
                                    "      key: sk-alice-secret\n"
                                    "      models: [m]\n"
                                    "      rpm: 60\n"
                                    "      tpm: 10000\n"
                                    "      max_parallel: 4\n"
                                    "      model_limits: {m: {rpm: 5}}\n"
                                    "      budget: {usd: 2.5, period: daily}\n"
                                    "      expires: 2027-01-31\n"
                                    "      team: research\n"
                                    "    - key_sha256: " +
                                    sha256_hex("sk-bob") +
                                    "\n"
                                    "ledger: {path: /tmp/spend.db}\n"
                                    "redis: {host: 127.0.0.1, port: 6380, on_failure: closed}\n",
                                "dir/test.yaml");
  EXPECT_EQ(cfg.auth.master_key_hash, sha256_hex("master-key-0123456789abcdef"));
  ASSERT_EQ(cfg.auth.keys.size(), 2u);
  const auto& alice = cfg.auth.keys[0];
  EXPECT_EQ(alice.id, "alice");
  EXPECT_EQ(alice.hash, sha256_hex("sk-alice-secret"));
  EXPECT_EQ(alice.limits.rpm, 60);
  EXPECT_EQ(alice.limits.max_parallel, 4);
  EXPECT_EQ(alice.model_limits.at("m").rpm, 5);
  ASSERT_TRUE(alice.budget);
  EXPECT_EQ(alice.budget->limit_nanos, 2'500'000'000);
  EXPECT_EQ(alice.budget->period, budget_period::daily);
  EXPECT_EQ(alice.expires_ms, 1'801'353'600'000);
  EXPECT_TRUE(alice.from_config);
  EXPECT_EQ(cfg.auth.keys[1].id, "cfg-" + sha256_hex("sk-bob").substr(0, 12));
  EXPECT_EQ(cfg.auth.teams.at(0).budget->limit_nanos, 100'000'000'000);
  EXPECT_EQ(cfg.models[0].deployments[0].limits.tpm, 5000);
  EXPECT_EQ(cfg.ledger.path, "/tmp/spend.db");
  EXPECT_EQ(cfg.redis.port, 6380);
  EXPECT_FALSE(cfg.redis.fail_open);
}

TEST(ConfigAccess, TheLedgerSitsBesideTheConfigUnlessTurnedOff) {
  EXPECT_EQ(parse_config(models, "/etc/keygate/keygate.yaml").ledger.path,
            "/etc/keygate/keygate-ledger.db");
  EXPECT_EQ(parse_config(models + "ledger: false\n", "x.yaml").ledger.path, "");
  EXPECT_EQ(parse_config(models + "ledger: {enabled: false}\n", "x.yaml").ledger.path, "");
}

TEST(ConfigAccess, ThePostgresLedgerTakesAUrlOrFieldsAndItsPasswordFromTheEnvironment) {
  setenv("KEYGATE_TEST_PG_PASSWORD", "pg-secret-value-1", 1);
  const auto cfg = parse_config(models +
                                    "ledger:\n"
                                    "  postgres:\n"
                                    "    url: postgresql://keygate@db:5432/ledger\n"
                                    "    password_env: KEYGATE_TEST_PG_PASSWORD\n"
                                    "    timeout_ms: 700\n"
                                    "  on_failure: refuse\n"
                                    "  retention_days: 90\n",
                                "/etc/keygate/keygate.yaml");
  EXPECT_TRUE(cfg.ledger.postgres.enabled());
  EXPECT_EQ(cfg.ledger.postgres.url, "postgresql://keygate@db:5432/ledger");
  EXPECT_EQ(cfg.ledger.postgres.password, "pg-secret-value-1");
  EXPECT_EQ(cfg.ledger.postgres.timeout.count(), 700);
  EXPECT_TRUE(cfg.ledger.refuse_on_failure);
  EXPECT_EQ(cfg.ledger.retention_days, 90);
  EXPECT_EQ(cfg.ledger.spool_path, "/etc/keygate/keygate-ledger.spool");

  const auto fields = parse_config(
      models +
          "ledger:\n  postgres: {host: db, port: 5433, dbname: d, user: u}\n  spool: s.spool\n",
      "/etc/keygate/keygate.yaml");
  EXPECT_EQ(fields.ledger.postgres.host, "db");
  EXPECT_EQ(fields.ledger.postgres.port, 5433);
  EXPECT_FALSE(fields.ledger.refuse_on_failure);
  EXPECT_EQ(fields.ledger.spool_path, "/etc/keygate/s.spool");
  EXPECT_FALSE(parse_config(models, "x.yaml").ledger.postgres.enabled());
}

TEST(ConfigAccess, ThePostgresLedgerRefusesBadSettingsWithoutShowingThePassword) {
  const auto problems = problems_of(
      models +
      "ledger:\n"
      "  postgres: {url: 'postgresql://keygate:hunter2-secret@db/k', port: 0, colour: red}\n"
      "  on_failure: maybe\n"
      "  retention_days: -1\n");
  EXPECT_THAT(problems, Contains(HasSubstr("ledger.postgres.url: must not hold a password")));
  EXPECT_THAT(problems, Contains(HasSubstr("ledger.postgres.port: must be 1 to 65535")));
  EXPECT_THAT(problems, Contains(HasSubstr("ledger.postgres.colour: unknown field")));
  EXPECT_THAT(problems, Contains(HasSubstr("ledger.on_failure: must be serve or refuse")));
  EXPECT_THAT(problems, Contains(HasSubstr("ledger.retention_days: must be 0 (keep) or more")));
  for (const auto& problem : problems) EXPECT_EQ(problem.find("hunter2"), std::string::npos);
  EXPECT_THAT(problems_of(models + "ledger: {postgres: {url: 'postgresql://k@db/k', host: db}}\n"),
              Contains(HasSubstr("ledger.postgres: needs either url or host (not both)")));
  EXPECT_THAT(
      problems_of(models + "ledger: {postgres: {host: db, password_env: KEYGATE_UNSET_PG_PW}}\n"),
      Contains(HasSubstr("environment variable KEYGATE_UNSET_PG_PW is not set")));
}

TEST(ConfigAccess, StoredResponsesLastThirtyDaysUnlessTold) {
  EXPECT_EQ(parse_config(models, "x.yaml").ledger.response_retention_days, 30);
  EXPECT_EQ(parse_config(models + "ledger: {response_retention_days: 7}\n", "x.yaml")
                .ledger.response_retention_days,
            7);
  EXPECT_THAT(problems_of(models + "ledger: {response_retention_days: 0}\n"),
              Contains(HasSubstr("ledger.response_retention_days: must be 1 or more")));
}

TEST(ConfigAccess, ABudgetIsBetweenNothingAndNineBillionDollars) {
  const auto with_budget = [](const std::string& usd) {
    return models +
           "auth:\n  master_key: a-master-key-long-enough\n  teams:\n    - {id: red, budget: "
           "{usd: " +
           usd + "}}\n";
  };
  EXPECT_EQ(parse_config(with_budget("9000000000"), "x.yaml").auth.teams.at(0).budget->limit_nanos,
            9'000'000'000'000'000'000);
  EXPECT_EQ(parse_config(with_budget("0"), "x.yaml").auth.teams.at(0).budget->limit_nanos, 0);
  for (const char* usd : {"9000000001", "1e300", "-0.5", ".nan"})
    EXPECT_THAT(problems_of(with_budget(usd)),
                Contains(HasSubstr("auth.teams[0].budget.usd: must be a number from 0 to")))
        << usd;
}

TEST(ConfigAccess, ReportsEveryMistake) {
  auto problems = problems_of(models +
                              "auth:\n"
                              "  master_key: short\n"
                              "  keys:\n"
                              "    - alias: nothing\n"
                              "    - key: a\n"
                              "      key_sha256: abc\n"
                              "    - key: b\n"
                              "      models: [nope]\n"
                              "      team: ghosts\n"
                              "      budget: {usd: -1}\n"
                              "      expires: tomorrow\n"
                              "      rpn: 3\n");
  EXPECT_THAT(problems, Contains(HasSubstr("auth.master_key: must be at least 16")));
  EXPECT_THAT(problems, Contains(HasSubstr("auth.keys[0]: needs either key")));
  EXPECT_THAT(problems, Contains(HasSubstr("auth.keys[1]: needs either key")));
  EXPECT_THAT(problems, Contains(HasSubstr("unknown model nope")));
  EXPECT_THAT(problems, Contains(HasSubstr("unknown team ghosts")));
  EXPECT_THAT(problems, Contains(HasSubstr("auth.keys[2].budget.usd")));
  EXPECT_THAT(problems, Contains(HasSubstr("auth.keys[2].expires")));
  EXPECT_THAT(problems, Contains(HasSubstr("auth.keys[2].rpn: unknown field")));
}

}  // namespace
}  // namespace keygate::config_access_test
