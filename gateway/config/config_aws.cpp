// A SigV4 provider's region and credentials (docs/bedrock.md). The file wins over the standard AWS
// environment variables, and a Bedrock API key (api_key or AWS_BEARER_TOKEN_BEDROCK) wins over
// signing.
#include <cctype>
#include <cstdlib>

#include "gateway/config/config_reader.hpp"

namespace keygate::config_detail {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

void read_credentials(reader& r, const YAML::Node& node, const std::string& field, aws_signing& a) {
  r.read_secret(node, "aws_access_key_id", field + ".aws_access_key_id", a.access_key_id);
  r.read_secret(node, "aws_secret_access_key", field + ".aws_secret_access_key",
                a.secret_access_key);
  r.read_secret(node, "aws_session_token", field + ".aws_session_token", a.session_token);
  if (node["aws_access_key_id"].IsDefined() != node["aws_secret_access_key"].IsDefined())
    r.problem(node, field + ".aws_secret_access_key",
              "aws_access_key_id and aws_secret_access_key go together");
}

}  // namespace

void read_aws_signing(reader& r, const YAML::Node& node, const std::string& field, deployment& d,
                      const char* region_key) {
  aws_signing& a = d.aws;
  const std::string region_field = field + "." + region_key;
  r.read(node, region_key, region_field, a.region);
  if (a.region.empty()) a.region = env("AWS_REGION");
  if (a.region.empty()) a.region = env("AWS_DEFAULT_REGION");
  if (a.region.empty())
    return r.problem(node, region_field, "is required for " + d.provider + " (or set AWS_REGION)");
  for (char c : a.region)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
      return r.problem(node[region_key], region_field, "is not an AWS region name");
  if (auto at = d.api_base.find("{region}"); at != std::string::npos)
    d.api_base.replace(at, 8, a.region);

  read_credentials(r, node, field, a);
  if (r.keeps_env_references() || !d.api_key.empty() || a.enabled()) return;
  d.api_key = env("AWS_BEARER_TOKEN_BEDROCK");
  if (!d.api_key.empty()) return;
  a.access_key_id = env("AWS_ACCESS_KEY_ID");
  a.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  a.session_token = env("AWS_SESSION_TOKEN");
  if (!a.enabled())
    r.problem(node, field + ".aws_access_key_id",
              "needs AWS credentials: aws_access_key_id and aws_secret_access_key, an api_key "
              "(a Bedrock API key), or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or "
              "AWS_BEARER_TOKEN_BEDROCK environment variables");
}

}  // namespace keygate::config_detail
