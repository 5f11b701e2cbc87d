#include "gateway/upstream/google_auth/service_account.hpp"

#include <boost/json/parse.hpp>

namespace keygate::google_auth {

namespace {

std::string string_field(const boost::json::object& key, std::string_view name) {
  const auto* value = key.if_contains(name);
  if (!value || !value->is_string()) return {};
  return std::string(value->get_string());
}

}  // namespace

service_account_result read_service_account(std::string_view json) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) return {std::nullopt, "the service account key is not JSON"};
  const auto& key = parsed.get_object();
  if (auto type = string_field(key, "type"); !type.empty() && type != "service_account")
    return {std::nullopt, "the key's type is '" + type + "', not service_account"};
  service_account account{string_field(key, "client_email"), string_field(key, "private_key_id"),
                          string_field(key, "private_key"), string_field(key, "token_uri")};
  if (account.token_uri.empty()) account.token_uri = "https://oauth2.googleapis.com/token";
  for (const auto& [name, value] :
       {std::pair<std::string_view, const std::string*>{"client_email", &account.client_email},
        {"private_key", &account.private_key}})
    if (value->empty())
      return {std::nullopt, "the service account key has no " + std::string(name)};
  return {std::move(account), {}};
}

}  // namespace keygate::google_auth
