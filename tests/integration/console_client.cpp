#include "console_client.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "standard_models.hpp"

namespace keygate::testing {

std::string console_models_yaml() {
  return model_entry("gpt", "fake-gpt", "    price: {input: 2, output: 8}\n") +
         "  - name: mock-gpt\n    provider: mock\n";
}

std::string console_auth_yaml() {
  return "auth:\n  master_key: " + console_master +
         "\n  keys:\n    - {id: alice, key: " + alice_secret +
         ", budget: {usd: 5, period: monthly}}\n    - {id: bob, key: " + bob_secret + "}\n";
}

std::string session_token_of(const std::string& set_cookie) {
  const std::string prefix = "kg_session=";
  if (set_cookie.rfind(prefix, 0) != 0) return {};
  return set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
}

http_reply console_client::sign_in(const std::string& secret) {
  const std::string body = R"({"key":")" + secret + R"("})";
  auto reply = http_call(port_, "POST", "/console/session", body);
  if (reply.status == 200) {
    session_token_ = session_token_of(reply.header("set-cookie"));
    csrf_ = std::string(boost::json::parse(reply.body).at("csrf_token").as_string());
  }
  return reply;
}

http_reply console_client::call(const std::string& method, const std::string& target,
                                const std::string& body, bool with_token,
                                std::map<std::string, std::string> extra) const {
  if (!session_token_.empty()) extra.emplace("cookie", "kg_session=" + session_token_);
  if (with_token && !csrf_.empty()) extra.emplace("x-csrf-token", csrf_);
  return http_call(port_, method, target, body, extra);
}

boost::json::value console_client::json(const std::string& method, const std::string& target,
                                        const std::string& body) const {
  const auto reply = call(method, target, body);
  EXPECT_GE(reply.status, 200) << method << " " << target << ": " << reply.body;
  EXPECT_LT(reply.status, 300) << method << " " << target << ": " << reply.body;
  boost::system::error_code ec;
  auto value = boost::json::parse(reply.body, ec);
  EXPECT_FALSE(ec) << reply.body;
  return value;
}

}  // namespace keygate::testing
