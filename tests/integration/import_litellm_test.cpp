// `keygate import-litellm`: a LiteLLM proxy config, written as LiteLLM documents it, converts to a
// keygate config that serves the same deployments; what has no equivalent is listed, and no
// secret is copied.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace keygate::testing::import_litellm_test {
namespace {

const std::string litellm_config = R"(model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
      rpm: 60
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o-eu
      api_base: os.environ/AZURE_API_BASE
      api_key: os.environ/AZURE_API_KEY
      api_version: "2024-06-01"
      weight: 2
  - model_name: claude
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_key: sk-ant-written-in-the-file
      input_cost_per_token: 0.000003
      output_cost_per_token: 0.000015
      timeout: 30
  - model_name: local-llama
    litellm_params:
      model: ollama/llama3
      api_base: http://127.0.0.1:11434
  - model_name: mystery
    litellm_params:
      model: replicate/some-model
router_settings:
  routing_strategy: least-busy
  num_retries: 3
  fallbacks: [{"gpt-4o": ["claude"]}]
litellm_settings:
  drop_params: true
general_settings:
  master_key: sk-1234
)";

const std::string env_vars =
    "OPENAI_API_KEY=sk-openai-from-env AZURE_API_BASE=https://example.openai.azure.com "
    "AZURE_API_KEY=azure-from-env KEYGATE_KEY_CLAUDE_0=sk-ant-from-env ";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The per-model-group lines --check-config prints (notices start with the file's path).
std::vector<std::string> served(const std::string& config, const std::string& env) {
  std::string output;
  EXPECT_EQ(run_command(env + KEYGATE_BINARY + " --check-config " + config, output), 0) << output;
  std::vector<std::string> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);)
    if (!line.starts_with("/") && line.find(": ok, ") == std::string::npos) lines.push_back(line);
  return lines;
}

TEST(ImportLitellm, ConvertsToAConfigThatServesTheSameDeployments) {
  temp_dir dir;
  const auto in = dir.write("litellm.yaml", litellm_config);
  const auto out = dir.path() + "/keygate.yaml";
  std::string report;
  ASSERT_EQ(run_command(env_vars + KEYGATE_BINARY + " import-litellm " + in + " " + out, report), 0)
      << report;
  const auto converted = read_file(out);

  // Line by line, what did not carry over.
  for (const char* expected :
       {"model_list[0].litellm_params.rpm", "provider 'replicate' is not supported",
        "litellm_settings.drop_params", "general_settings.master_key",
        "deployment claude#0: api_key was written in the file"})
    EXPECT_NE(report.find(expected), std::string::npos) << expected << "\n" << report;
  // References stay references; no secret value is copied, resolved or printed.
  EXPECT_NE(converted.find("${OPENAI_API_KEY}"), std::string::npos) << converted;
  EXPECT_NE(converted.find("${AZURE_API_BASE}"), std::string::npos) << converted;
  EXPECT_NE(converted.find("${KEYGATE_KEY_CLAUDE_0}"), std::string::npos) << converted;
  for (const char* secret :
       {"sk-ant-written-in-the-file", "sk-openai-from-env", "azure-from-env", "sk-1234"}) {
    EXPECT_EQ(converted.find(secret), std::string::npos) << secret;
    EXPECT_EQ(report.find(secret), std::string::npos) << secret;
  }

  const auto before = served(in, env_vars);
  const auto after = served(out, env_vars);
  ASSERT_EQ(before.size(), 3u) << converted;
  EXPECT_EQ(before, after) << converted;
  EXPECT_EQ(before[0], "gpt-4o: gpt-4o#0 (openai gpt-4o), gpt-4o#1 (azure gpt-4o-eu)");

  // The router settings and the rest of each deployment carried over too.
  for (const char* expected :
       {"retries: 3", "strategy: least_inflight", "fallbacks: [claude]", "weight: 2", "2024-06-01",
        "total_ms: 30000", "input: 3", "output: 15"})
    EXPECT_NE(converted.find(expected), std::string::npos) << expected << "\n" << converted;
}

TEST(ImportLitellm, WritesToStandardOutputWithoutAnOutputFile) {
  temp_dir dir;
  const auto in = dir.write("litellm.yaml", litellm_config);
  std::string output;
  // stdout only: the report goes to stderr.
  ASSERT_EQ(
      run_command("(" + std::string(KEYGATE_BINARY) + " import-litellm " + in + " 2>/dev/null)",
                  output),
      0);
  EXPECT_TRUE(output.starts_with("# Converted by keygate import-litellm")) << output;
  EXPECT_NE(output.find("models:"), std::string::npos);
}

TEST(ImportLitellm, RefusesWhatIsNotALitellmConfig) {
  temp_dir dir;
  const auto in = dir.write("keygate.yaml", "models:\n  - name: m\n    provider: mock\n");
  std::string output;
  EXPECT_EQ(run_command(std::string(KEYGATE_BINARY) + " import-litellm " + in, output), 2);
  EXPECT_NE(output.find("not a LiteLLM proxy config"), std::string::npos) << output;
  EXPECT_EQ(run_command(std::string(KEYGATE_BINARY) + " import-litellm /nonexistent.yaml", output),
            1);
}

}  // namespace
}  // namespace keygate::testing::import_litellm_test
