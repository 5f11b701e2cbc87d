// A Vertex AI deployment: the regional or global host and the publisher's path, the publisher
// from the model's name, and the credentials, read once and never quoted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "gateway/config/config.hpp"
#include "tests/unit/gateway/config/config_problems.hpp"

namespace keygate::config_vertex_test {

using config_testing::problems_of;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const deployment& only_deployment(const config& cfg) {
  return cfg.models.at(0).deployments.at(0);
}

std::string vertex(const std::string& model, const std::string& rest) {
  return "models:\n  - name: m\n    provider: vertex\n    model: " + model +
         "\n    project: my-proj\n    access_token_env: KG_TEST_VERTEX_TOKEN\n" + rest;
}

class VertexConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("KG_TEST_VERTEX_TOKEN", "ya29.from-env", 1);
    for (const char* name : {"GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION"}) {
      if (const char* value = std::getenv(name)) saved_.emplace_back(name, value);
      unsetenv(name);
    }
  }
  void TearDown() override {
    unsetenv("KG_TEST_VERTEX_TOKEN");
    for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
  }

 private:
  std::vector<std::pair<std::string, std::string>> saved_;
};

// auto_cache has an effect on Vertex AI's Claude (the Anthropic placement), none on Gemini.
TEST_F(VertexConfig, AutoCacheIsForClaudeOnly) {
  const auto claude = parse_config(
      vertex("claude-sonnet-4-5@20250929", "    location: us-east5\n    auto_cache: true\n"),
      "t.yaml");
  EXPECT_TRUE(only_deployment(claude).auto_cache);
  EXPECT_THAT(claude.notices, Not(Contains(HasSubstr("auto_cache"))));
  const auto gemini = parse_config(
      vertex("gemini-2.0-flash", "    location: us-east5\n    auto_cache: true\n"), "t.yaml");
  EXPECT_THAT(gemini.notices, Contains(HasSubstr("models[0].auto_cache: Vertex AI caches prompts "
                                                 "for Claude models only")));
}

TEST_F(VertexConfig, ARegionPicksItsRegionalHost) {
  const auto cfg =
      parse_config(vertex("gemini-2.0-flash", "    location: europe-west4\n"), "t.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.api_base,
            "https://europe-west4-aiplatform.googleapis.com/v1/projects/my-proj/locations/"
            "europe-west4/publishers/google");
  EXPECT_EQ(d.endpoint->host_header, "europe-west4-aiplatform.googleapis.com");
  EXPECT_EQ(d.vertex.publisher, "google");
  EXPECT_EQ(d.vertex.access_token, "ya29.from-env");
}

TEST_F(VertexConfig, GlobalUsesTheGlobalHost) {
  const auto cfg =
      parse_config(vertex("claude-sonnet-4@20250514", "    location: global\n"), "t.yaml");
  const auto& d = only_deployment(cfg);
  EXPECT_EQ(d.endpoint->host_header, "aiplatform.googleapis.com");
  EXPECT_EQ(d.endpoint->base_path, "/v1/projects/my-proj/locations/global/publishers/anthropic");
  EXPECT_EQ(d.vertex.publisher, "anthropic");  // from the model's name
}

TEST_F(VertexConfig, ApiBaseReplacesOnlyTheHostAndPublisherCanBeSaid) {
  const auto cfg = parse_config(vertex("my-tuned-model",
                                       "    location: us-east5\n    publisher: anthropic\n"
                                       "    api_base: http://127.0.0.1:9/\n"),
                                "t.yaml");
  EXPECT_EQ(only_deployment(cfg).api_base,
            "http://127.0.0.1:9/v1/projects/my-proj/locations/us-east5/publishers/anthropic");
}

TEST_F(VertexConfig, ProjectLocationAndPublisherAreChecked) {
  EXPECT_THAT(problems_of("models:\n  - name: m\n    provider: vertex\n    model: g\n"
                          "    access_token_env: KG_TEST_VERTEX_TOKEN\n"),
              Contains(HasSubstr("models[0].project: is required for vertex")));
  EXPECT_THAT(problems_of(vertex("g", "")), Contains(HasSubstr("models[0].location: is required")));
  EXPECT_THAT(problems_of(vertex("g", "    location: us/central1\n")),
              Contains(HasSubstr("models[0].location: is not a Google Cloud region")));
  EXPECT_THAT(problems_of(vertex("g", "    location: global\n    publisher: meta\n")),
              Contains(HasSubstr("models[0].publisher: must be google or anthropic")));
}

TEST_F(VertexConfig, TheKeyFileIsReadAndCheckedWithoutBeingQuoted) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kg-vertex-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto good = dir / "sa.json";
  std::ofstream(good) << R"({"type":"service_account","client_email":"a@p.iam",)"
                         R"("private_key":"-----BEGIN PRIVATE KEY-----\nSECRETBYTES\n"})";
  const auto bad = dir / "bad.json";
  std::ofstream(bad) << R"({"type":"service_account","private_key":"SECRETBYTES"})";
  const std::string base =
      "models:\n  - name: m\n    provider: vertex\n    model: g\n    project: p\n"
      "    location: global\n";
  const auto cfg = parse_config(base + "    credentials_file: " + good.string() + "\n", "t.yaml");
  EXPECT_THAT(only_deployment(cfg).vertex.service_account_json, HasSubstr("SECRETBYTES"));
  const auto problems = problems_of(base + "    credentials_file: " + bad.string() + "\n");
  EXPECT_THAT(problems, Contains(HasSubstr("is not a service account key (no client_email)")));
  EXPECT_THAT(problems, Not(Contains(HasSubstr("SECRETBYTES"))));
  EXPECT_THAT(problems_of(base + "    credentials_file: " + (dir / "none.json").string() + "\n"),
              Contains(HasSubstr("cannot read")));
  EXPECT_THAT(problems_of(base + "    credentials_file: x.json\n    access_token_env: T\n"),
              Contains(HasSubstr("give one of credentials_file, credentials_env and "
                                 "access_token_env")));
  std::filesystem::remove_all(dir);
}

}  // namespace keygate::config_vertex_test
