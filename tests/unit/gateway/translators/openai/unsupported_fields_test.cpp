// The refusals every provider translator shares: which field is named, and what passes.
#include "gateway/translators/openai/unsupported_fields.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::openai::unsupported_fields_test {
namespace {

using check = std::optional<openai_error> (*)(const boost::json::object&);

std::string refused_param(check refuse, const char* request) {
  auto error = refuse(boost::json::parse(request).as_object());
  if (!error) return "";
  EXPECT_EQ(error->status, 400);
  EXPECT_EQ(error->code, "unsupported_parameter");
  return error->param.value_or("(no param)");
}

TEST(UnsupportedFields, AudioAndLegacyFunctionsNameTheirField) {
  const check refuse = reject_audio_and_legacy_functions;
  EXPECT_EQ(refused_param(refuse, R"({"audio":{"voice":"alloy","format":"mp3"}})"), "audio");
  EXPECT_EQ(refused_param(refuse, R"({"modalities":["text","audio"]})"), "modalities");
  EXPECT_EQ(refused_param(refuse, R"({"functions":[{"name":"f"}]})"), "functions");
  EXPECT_EQ(refused_param(refuse, R"({"function_call":"auto"})"), "function_call");
  EXPECT_EQ(refused_param(refuse, R"({"modalities":["text"],"audio":null,"tools":[]})"), "");
}

TEST(UnsupportedFields, LogProbabilitiesOnlyWhenAskedFor) {
  const check refuse = reject_log_probabilities;
  EXPECT_EQ(refused_param(refuse, R"({"logprobs":true})"), "logprobs");
  EXPECT_EQ(refused_param(refuse, R"({"top_logprobs":2})"), "top_logprobs");
  EXPECT_EQ(refused_param(refuse, R"({"logprobs":false,"top_logprobs":0})"), "");
  EXPECT_EQ(refused_param(refuse, R"({"logprobs":null})"), "");
}

TEST(UnsupportedFields, SeveralChoicesAboveOne) {
  const check refuse = reject_several_choices;
  EXPECT_EQ(refused_param(refuse, R"({"n":2})"), "n");
  EXPECT_EQ(refused_param(refuse, R"({"n":1})"), "");
  EXPECT_EQ(refused_param(refuse, R"({})"), "");
}

}  // namespace
}  // namespace keygate::openai::unsupported_fields_test
