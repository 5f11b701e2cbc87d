// A Vertex AI deployment's project, location, publisher and credentials (docs/vertex.md). The
// service account key is read here, so a missing or unreadable file stops the start or the
// reload; its contents are checked for the fields keygate signs with, and never quoted.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gateway/config/config_reader.hpp"

namespace keygate::config_detail {

namespace {

std::string env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value ? std::string(value) : std::string();
}

// Project ids are letters, digits and dashes (older ones "example.com:name"); regions the same
// without the punctuation.
bool plain_name(std::string_view value, std::string_view punctuation) {
  if (value.empty()) return false;
  for (char c : value)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        punctuation.find(c) == std::string_view::npos)
      return false;
  return true;
}

std::string config_dir(const std::string& source) {
  auto slash = source.rfind('/');
  return slash == std::string::npos ? "." : source.substr(0, slash);
}

// "google" for Gemini and the other models Google publishes, "anthropic" for Claude.
std::string publisher_of(std::string_view model) {
  return model.starts_with("claude") ? "anthropic" : "google";
}

// The key's JSON holds the two fields keygate needs. JSON is YAML, so the config's own parser
// reads it; its messages quote positions, never the text.
std::string key_problem(const std::string& json) {
  YAML::Node key;
  try {
    key = YAML::Load(json);
  } catch (const YAML::Exception&) {
    return "is not a service account key (not JSON)";
  }
  if (!key.IsMap()) return "is not a service account key (not a JSON object)";
  for (const char* field : {"client_email", "private_key"})
    if (!key[field].IsDefined() || !key[field].IsScalar() || key[field].Scalar().empty())
      return std::string("is not a service account key (no ") + field + ")";
  return {};
}

void read_credentials(reader& r, const YAML::Node& node, const std::string& field,
                      vertex_options& v) {
  std::string file, key_env, token_env;
  r.read(node, "credentials_file", field + ".credentials_file", file);
  r.read(node, "credentials_env", field + ".credentials_env", key_env);
  r.read(node, "access_token_env", field + ".access_token_env", token_env);
  const int given = !file.empty() + !key_env.empty() + !token_env.empty();
  if (given > 1)
    return r.problem(node, field + ".credentials_file",
                     "give one of credentials_file, credentials_env and access_token_env");
  if (r.keeps_env_references()) return;
  std::string where = field + ".credentials_file";
  YAML::Node at = node["credentials_file"];
  if (given == 0) {
    file = env("GOOGLE_APPLICATION_CREDENTIALS");
    if (file.empty())
      return r.problem(node, where,
                       "needs credentials: credentials_file (a service account key), "
                       "credentials_env, access_token_env, or GOOGLE_APPLICATION_CREDENTIALS");
    where = field + " (GOOGLE_APPLICATION_CREDENTIALS)";
  }
  if (!token_env.empty()) {
    v.access_token = env(token_env);
    v.credentials_source = "environment variable " + token_env;
    if (v.access_token.empty())
      r.problem(node["access_token_env"], field + ".access_token_env",
                "environment variable " + token_env + " is not set");
    return;
  }
  if (!key_env.empty()) {
    v.service_account_json = env(key_env);
    v.credentials_source = "environment variable " + key_env;
    where = field + ".credentials_env";
    at = node["credentials_env"];
    if (v.service_account_json.empty())
      return r.problem(at, where, "environment variable " + key_env + " is not set");
  } else {
    if (file.front() != '/') file = config_dir(r.source()) + "/" + file;
    std::ifstream in(file, std::ios::binary);
    if (!in) return r.problem(at, where, "cannot read " + file);
    std::ostringstream text;
    text << in.rdbuf();
    v.service_account_json = text.str();
    v.credentials_source = "file " + file;
  }
  if (auto problem = key_problem(v.service_account_json); !problem.empty())
    r.problem(at, where, v.credentials_source + " " + problem);
}

}  // namespace

void read_vertex(reader& r, const YAML::Node& node, const std::string& field, deployment& d) {
  vertex_options& v = d.vertex;
  r.read(node, "project", field + ".project", v.project);
  if (v.project.empty()) v.project = env("GOOGLE_CLOUD_PROJECT");
  r.read(node, "location", field + ".location", v.location);
  if (v.location.empty()) v.location = env("GOOGLE_CLOUD_LOCATION");
  r.read(node, "publisher", field + ".publisher", v.publisher);
  if (v.publisher.empty()) v.publisher = publisher_of(d.model);
  if (v.project.empty())
    r.problem(node, field + ".project", "is required for vertex (or set GOOGLE_CLOUD_PROJECT)");
  else if (!plain_name(v.project, ".:_"))
    r.problem(node["project"], field + ".project", "is not a Google Cloud project id");
  if (v.location.empty())
    r.problem(node, field + ".location",
              "is required for vertex: a region such as us-central1, or global (or set "
              "GOOGLE_CLOUD_LOCATION)");
  else if (!plain_name(v.location, ""))
    r.problem(node["location"], field + ".location", "is not a Google Cloud region");
  if (v.publisher != "google" && v.publisher != "anthropic")
    r.problem(node["publisher"], field + ".publisher", "must be google or anthropic");
  read_credentials(r, node, field, v);
  if (!d.api_key.empty()) {
    r.notice(node["api_key"], field + ".api_key",
             "has no effect for vertex (it authenticates with credentials_file, credentials_env or "
             "access_token_env); ignored");
    d.api_key.clear();
  }

  // The regional host, or the global one; an api_base given in the file replaces the host only.
  if (!node["api_base"].IsDefined())
    d.api_base = v.location == "global" ? "https://aiplatform.googleapis.com"
                                        : "https://" + v.location + "-aiplatform.googleapis.com";
  while (d.api_base.ends_with('/')) d.api_base.pop_back();
  d.api_base +=
      "/v1/projects/" + v.project + "/locations/" + v.location + "/publishers/" + v.publisher;
}

}  // namespace keygate::config_detail
