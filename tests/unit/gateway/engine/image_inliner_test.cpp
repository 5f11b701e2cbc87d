// The per-request image downloads: URLs become data URLs, each image is fetched once per request,
// the per-image and per-request caps hold, and failures become the client's 400 at the right param.
#include "gateway/engine/image_inliner.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <map>

namespace keygate::image_inliner_test {
namespace {

namespace json = boost::json;
using clock = std::chrono::steady_clock;

// Serves images from a map; anything else fails as the map says.
class stub_source final : public image_source {
 public:
  task<image_result> fetch(std::string url, const image_options&, fetch_limits limits) override {
    requests.push_back(url);
    limits_seen.push_back(limits.max_bytes);
    if (auto failure = failures.find(url); failure != failures.end()) co_return failure->second;
    const auto& bytes = images.at(url);
    if (bytes.size() > limits.max_bytes)
      co_return image_failure{
          image_problem::too_large,
          "The image is larger than " + std::to_string(limits.max_bytes) + " bytes."};
    co_return fetched_image{bytes, "image/png"};
  }
  std::map<std::string, std::string> images;
  std::map<std::string, image_failure> failures;
  std::vector<std::string> requests;
  std::vector<std::size_t> limits_seen;
};

std::string user_with_images(std::initializer_list<std::string> urls) {
  std::string parts = R"({"type":"text","text":"what?"})";
  for (const auto& url : urls)
    parts += R"(,{"type":"image_url","image_url":{"url":")" + url + R"("}})";
  return R"({"model":"m","messages":[{"role":"user","content":[)" + parts + "]}]}";
}

class ImageInliner : public ::testing::Test {
 protected:
  std::optional<openai_error> run(json::object& body) {
    auto done = net::co_spawn(io, inliner.inline_urls(body, clock::now() + std::chrono::seconds(5)),
                              net::use_future);
    io.restart();
    io.run();
    return done.get();
  }
  static std::string url_at(const json::object& body, std::size_t part) {
    return std::string(
        body.at("messages").at(0).at("content").at(part).at("image_url").at("url").as_string());
  }

  net::io_context io;
  stub_source source;
  image_options options;
  image_inliner inliner{source, options};
};

TEST(DataUrl, EncodesBase64) {
  EXPECT_EQ(to_data_url("image/png", ""), "data:image/png;base64,");
  EXPECT_EQ(to_data_url("image/png", "a"), "data:image/png;base64,YQ==");
  EXPECT_EQ(to_data_url("image/gif", "ab"), "data:image/gif;base64,YWI=");
  EXPECT_EQ(to_data_url("image/jpeg", std::string("\xff\xd8\xff", 3)),
            "data:image/jpeg;base64,/9j/");
}

TEST_F(ImageInliner, SwapsUrlsForDataUrlsAndFetchesEachOnce) {
  source.images["http://x/a.png"] = "abc";
  source.images["http://x/b.png"] = "defg";
  auto body = json::parse(user_with_images({"http://x/a.png", "http://x/b.png", "http://x/a.png",
                                            "data:image/png;base64,AAAA"}))
                  .as_object();
  EXPECT_FALSE(run(body));
  EXPECT_EQ(url_at(body, 1), "data:image/png;base64,YWJj");
  EXPECT_EQ(url_at(body, 2), "data:image/png;base64,ZGVmZw==");
  EXPECT_EQ(url_at(body, 3), "data:image/png;base64,YWJj");
  EXPECT_EQ(url_at(body, 4), "data:image/png;base64,AAAA");
  EXPECT_EQ(source.requests, (std::vector<std::string>{"http://x/a.png", "http://x/b.png"}));

  // A second attempt of the same request (a retry, a fallback) downloads nothing again.
  auto again = json::parse(user_with_images({"http://x/b.png"})).as_object();
  EXPECT_FALSE(run(again));
  EXPECT_EQ(url_at(again, 1), "data:image/png;base64,ZGVmZw==");
  EXPECT_EQ(inliner.downloads(), 2u);
}

TEST_F(ImageInliner, FailuresBecomeTheClientsError) {
  const std::pair<image_problem, const char*> cases[] = {
      {image_problem::invalid_url, "invalid_image_url"},
      {image_problem::blocked, "image_url_blocked"},
      {image_problem::download_failed, "image_download_failed"},
      {image_problem::too_large, "image_too_large"},
      {image_problem::unsupported_type, "unsupported_image_type"}};
  source.images["http://x/ok.png"] = "ok";
  for (const auto& [problem, code] : cases) {
    source.failures["http://x/bad.png"] = image_failure{problem, "Why it failed."};
    image_inliner fresh(source, options);
    auto body = json::parse(user_with_images({"http://x/ok.png", "http://x/bad.png"})).as_object();
    auto done = net::co_spawn(io, fresh.inline_urls(body, clock::now() + std::chrono::seconds(5)),
                              net::use_future);
    io.restart();
    io.run();
    auto error = done.get();
    ASSERT_TRUE(error) << code;
    EXPECT_EQ(error->status, 400);
    EXPECT_EQ(error->type, "invalid_request_error");
    EXPECT_EQ(error->param, "messages[0].content[2]");
    EXPECT_EQ(error->code, code);
    EXPECT_EQ(error->message, "Why it failed.");
  }
}

TEST_F(ImageInliner, CapsEachImageAndTheWholeRequest) {
  options.max_bytes = 10;
  options.max_total_bytes = 25;
  source.images["http://x/1"] = std::string(10, 'a');
  source.images["http://x/2"] = std::string(10, 'b');
  source.images["http://x/3"] = std::string(10, 'c');
  source.images["http://x/big"] = std::string(11, 'd');

  auto one_big = json::parse(user_with_images({"http://x/big"})).as_object();
  auto error = run(one_big);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, "image_too_large");
  EXPECT_EQ(error->message, "The image is larger than 10 bytes.");

  // The third image may only have what the first two left of the request's 25 bytes.
  auto three =
      json::parse(user_with_images({"http://x/1", "http://x/2", "http://x/3"})).as_object();
  error = run(three);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, "image_too_large");
  EXPECT_EQ(error->param, "messages[0].content[3]");
  EXPECT_EQ(error->message, "The images of this request are larger than 25 bytes in all.");
  EXPECT_EQ(source.limits_seen, (std::vector<std::size_t>{10, 10, 10, 5}));

  // Already downloaded images count each time they appear.
  auto repeated =
      json::parse(user_with_images({"http://x/1", "http://x/1", "http://x/1"})).as_object();
  error = run(repeated);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->param, "messages[0].content[3]");
  EXPECT_EQ(error->code, "image_too_large");
}

TEST_F(ImageInliner, NothingToDoWithoutHttpUrls) {
  auto body = json::parse(user_with_images({"data:image/png;base64,AAAA"})).as_object();
  const auto before = body;
  EXPECT_FALSE(run(body));
  EXPECT_EQ(body, before);
  EXPECT_TRUE(source.requests.empty());
}

}  // namespace
}  // namespace keygate::image_inliner_test
