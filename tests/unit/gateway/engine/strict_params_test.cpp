// Strict deployments turn a translator's dropped parameters into a 400
// (docs/mapping.md#unsupported-parameters).
#include "gateway/engine/strict_params.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace keygate::strict_params_test {
namespace {

deployment strict_deployment(bool strict) {
  deployment d;
  d.provider = "anthropic";
  d.strict = strict;
  return d;
}

TEST(StrictParams, NothingDroppedIsNoRefusal) {
  EXPECT_FALSE(strict_refusal(strict_deployment(true), {}).has_value());
}

TEST(StrictParams, NotStrictIsNoRefusal) {
  EXPECT_FALSE(strict_refusal(strict_deployment(false), {"seed", "user"}).has_value());
}

TEST(StrictParams, TheFirstDroppedFieldIsTheParamAndAllAreNamed) {
  auto refusal = strict_refusal(strict_deployment(true), {"seed", "messages[].name"});
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->status, 400);
  const auto body = boost::json::parse(refusal->to_json()).at("error").as_object();
  EXPECT_EQ(body.at("type").as_string(), "invalid_request_error");
  EXPECT_EQ(body.at("param").as_string(), "seed");
  EXPECT_EQ(body.at("code").as_string(), "unsupported_parameter");
  const std::string message(body.at("message").as_string());
  EXPECT_NE(message.find("anthropic provider does not support the parameters seed, "
                         "messages[].name"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("strict"), std::string::npos) << message;
}

TEST(StrictParams, OneDroppedField) {
  auto refusal = strict_refusal(strict_deployment(true), {"user"});
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->param, "user");
  EXPECT_NE(refusal->message.find("the parameter user,"), std::string::npos) << refusal->message;
}

}  // namespace
}  // namespace keygate::strict_params_test
