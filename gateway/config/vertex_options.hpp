// Google Vertex AI (docs/vertex.md): where a deployment's model lives and how keygate gets the
// OAuth2 access token its requests carry.
#pragma once

#include <string>

namespace keygate {

struct vertex_options {
  std::string project;
  std::string location;   // a region ("us-central1") or "global"
  std::string publisher;  // "google" (Gemini, the Gemini translator) or "anthropic" (Claude)
  // A service account's JSON key, read from credentials_file, credentials_env or
  // GOOGLE_APPLICATION_CREDENTIALS; a secret: never logged, never returned.
  std::string service_account_json;
  std::string credentials_source;  // where the key came from ("file /etc/sa.json"), for messages
  // A ready access token from access_token_env, used as it is; a secret.
  std::string access_token;
  bool enabled() const { return !project.empty(); }
};

}  // namespace keygate
