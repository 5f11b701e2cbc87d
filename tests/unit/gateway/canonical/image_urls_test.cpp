// Finding the http(s) image URLs of a request and swapping them for data URLs.
#include "gateway/canonical/image_urls.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace keygate::openai::image_urls_test {
namespace {

namespace json = boost::json;

const char* body_text = R"({"model":"m","messages":[
  {"role":"system","content":[{"type":"image_url","image_url":{"url":"http://sys.example/a.png"}}]},
  {"role":"user","content":"plain text"},
  {"role":"user","content":[
    {"type":"text","text":"look"},
    {"type":"image_url","image_url":{"url":"https://a.example/1.png","detail":"high"}},
    {"type":"image_url","image_url":"HTTP://b.example/2.jpg"},
    {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
    {"type":"image_url","image_url":{"url":"ftp://c.example/3.png"}},
    "not an object"]},
  {"role":"assistant","content":"ok"},
  {"role":"user","content":[{"type":"image_url","image_url":{"url":"https://a.example/1.png"}}]}]})";

TEST(ImageUrls, FindsHttpUrlsOfUserMessagesOnly) {
  auto body = json::parse(body_text).as_object();
  auto found = http_image_urls(body);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].url, "https://a.example/1.png");
  EXPECT_EQ(found[0].param, "messages[2].content[1]");
  EXPECT_EQ(found[1].url, "HTTP://b.example/2.jpg");
  EXPECT_EQ(found[1].param, "messages[2].content[2]");
  EXPECT_EQ(found[2].url, "https://a.example/1.png");
  EXPECT_EQ(found[2].param, "messages[4].content[0]");
}

TEST(ImageUrls, NothingToFindInOddBodies) {
  EXPECT_TRUE(http_image_urls(json::parse(R"({"model":"m"})").as_object()).empty());
  EXPECT_TRUE(http_image_urls(json::parse(R"({"messages":"x"})").as_object()).empty());
  EXPECT_TRUE(
      http_image_urls(json::parse(R"({"messages":[1,{"role":"user"}]})").as_object()).empty());
}

TEST(ImageUrls, ReplacesInPlaceKeepingOtherFields) {
  auto body = json::parse(body_text).as_object();
  const auto original = body;
  auto found = http_image_urls(body);
  replace_image_url(body, found[0], "data:image/png;base64,QUJD");
  replace_image_url(body, found[1], "data:image/jpeg;base64,REVG");
  const auto& parts = body.at("messages").at(2).at("content").as_array();
  EXPECT_EQ(parts.at(1), json::parse(R"({"type":"image_url","image_url":)"
                                     R"({"url":"data:image/png;base64,QUJD","detail":"high"}})"));
  EXPECT_EQ(parts.at(2),
            json::parse(R"({"type":"image_url","image_url":"data:image/jpeg;base64,REVG"})"));
  // The rest is untouched, the other copy of the same URL included.
  EXPECT_EQ(body.at("messages").at(4), original.at("messages").at(4));
  EXPECT_EQ(body.at("messages").at(0), original.at("messages").at(0));
  EXPECT_TRUE(is_http_url("HtTpS://x"));
  EXPECT_FALSE(is_http_url("data:image/png;base64,AAAA"));
  EXPECT_FALSE(is_http_url("http:/x"));
}

}  // namespace
}  // namespace keygate::openai::image_urls_test
