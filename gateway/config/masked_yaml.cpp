#include "gateway/config/masked_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>
#include <string_view>

namespace keygate {

namespace {

constexpr std::string_view mask = "***";

bool ends_with_any(std::string_view name, std::initializer_list<std::string_view> endings) {
  return std::any_of(endings.begin(), endings.end(),
                     [name](std::string_view e) { return name.ends_with(e); });
}

// api_key, master_key, key, aws_secret_access_key, aws_session_token, password, ... but not
// max_tokens or key_header.
bool secret_name(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name == "key" || ends_with_any(name, {"_key", "-key", "apikey", "secret", "password",
                                               "_token", "secret_access_key", "key_id"});
}

// A URL with user information (redis://:pass@host, https://user:pass@host).
bool url_with_credentials(const std::string& value) {
  const auto scheme = value.find("://");
  if (scheme == std::string::npos) return false;
  const auto authority_end = value.find_first_of("/?#", scheme + 3);
  return value.substr(scheme + 3, authority_end - scheme - 3).find('@') != std::string::npos;
}

void mask_secrets(YAML::Node node) {
  if (node.IsSequence()) {
    for (auto item : node) mask_secrets(item);
    return;
  }
  if (!node.IsMap()) return;
  for (auto entry : node) {
    YAML::Node value = entry.second;
    if (value.IsScalar()) {
      const auto name = entry.first.as<std::string>("");
      if (secret_name(name) || url_with_credentials(value.Scalar())) value = std::string(mask);
    } else {
      mask_secrets(value);
    }
  }
}

}  // namespace

std::string masked_config_yaml(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error("cannot read " + path + ": " + e.what());
  }
  mask_secrets(root);
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

}  // namespace keygate
