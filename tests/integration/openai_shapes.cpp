#include "openai_shapes.hpp"

#include <gtest/gtest.h>

namespace keygate::testing {

namespace json = boost::json;

const std::string weather_tool =
    R"({"type":"function","function":{"name":"get_weather","parameters":{"type":"object",)"
    R"("properties":{"city":{"type":"string"}}}}})";

json::object post_ok(unsigned short port, const std::string& body) {
  auto reply = post_json(port, "/v1/chat/completions", body);
  EXPECT_EQ(reply.status, 200) << reply.body;
  return json::parse(reply.body).as_object();
}

json::object error_of(const http_reply& reply) {
  auto error = json::parse(reply.body).at("error").as_object();
  for (auto key : {"message", "type", "param", "code"})
    EXPECT_TRUE(error.contains(key)) << key << " missing in " << reply.body;
  EXPECT_TRUE(error.at("message").is_string() && !error.at("message").as_string().empty());
  return error;
}

std::vector<json::object> chunks_of(const http_reply& reply) {
  std::vector<json::object> chunks;
  for (const auto& data : sse_data(reply.body))
    if (data != "[DONE]") chunks.push_back(json::parse(data).as_object());
  return chunks;
}

}  // namespace keygate::testing
