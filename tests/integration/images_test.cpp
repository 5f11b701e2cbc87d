// Image URLs for providers that need the bytes (docs/images.md): the gateway downloads them from
// the fake provider's image endpoints, under the SSRF rules, and sends Gemini inlineData and Ollama
// images; Anthropic keeps the URL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "harness.hpp"
#include "ollama_models.hpp"
#include "openai_shapes.hpp"

namespace keygate::testing::images_test {
namespace {

namespace json = boost::json;

const std::string png_base64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
    "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const std::string gif_base64 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
const std::string webp_base64 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";
const std::string jpeg_base64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==";

std::string models() {
  const std::string gemini = "    provider: gemini\n    api_base: FAKEbeta\n    api_key: k\n";
  return "  - name: gemini\n    model: gemini-fake@tokens=2\n" + gemini +
         "  - name: gemini-503\n    model: gemini-fake@status=503\n    fallbacks: [claude]\n" +
         gemini + "  - name: gemini-retry\n    model: gemini-fake@status=503\n    retries: 1\n" +
         gemini + ollama_entry("ollama", "llama3.2@tokens=2") +
         "  - name: claude\n    provider: anthropic\n    model: claude-fake@tokens=2\n"
         "    api_base: FAKE\n    api_key: k\n";
}

// The body of a chat request whose user message holds a text and an image URL.
std::string vision_body(const std::string& model, const std::string& url) {
  return R"({"model":")" + model +
         R"(","messages":[{"role":"user","content":[)"
         R"({"type":"text","text":"What is it?"},)"
         R"({"type":"image_url","image_url":{"url":")" +
         url + R"("}}]}]})";
}

long image_requests(const gateway_fixture& env) {
  auto stats = json::parse(http_call(env.fake.port(), "GET", "/fake/stats").body);
  return stats.at("image_requests").as_int64();
}

json::object last_native_request(const gateway_fixture& env) {
  auto reply = http_call(env.fake.port(), "GET", "/fake/last-request");
  EXPECT_EQ(reply.status, 200);
  return json::parse(reply.body).as_object();
}

// The fake is on 127.0.0.1: only that address is let through, so every other non-public address
// (and a redirect to one) is still refused.
class ImageDownloads : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    env = new gateway_fixture(models(),
                              "images:\n  allowed_networks: [127.0.0.1/32]\n"
                              "  timeout_ms: 1000\n  max_bytes: 100000\n");
  }
  static void TearDownTestSuite() { delete env; }
  static std::string image_url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(env->fake.port()) + path;
  }
  // The client's 400 for the request, checked for its param, code and that nothing reached the
  // provider.
  static json::object refused(const std::string& model, const std::string& url,
                              const std::string& code) {
    auto reply = post_json(env->port(), "/v1/chat/completions", vision_body(model, url));
    EXPECT_EQ(reply.status, 400) << reply.body;
    auto error = error_of(reply);
    EXPECT_EQ(error.at("type").as_string(), "invalid_request_error");
    EXPECT_EQ(error.at("param").as_string(), "messages[0].content[1]");
    EXPECT_EQ(error.at("code").as_string(), code) << error;
    return error;
  }
  static gateway_fixture* env;
};
gateway_fixture* ImageDownloads::env = nullptr;

TEST_F(ImageDownloads, GeminiGetsInlineDataOfEveryType) {
  const std::pair<std::string, std::pair<std::string, std::string>> cases[] = {
      {"/fake/image.png", {"image/png", png_base64}},
      {"/fake/image.jpg", {"image/jpeg", jpeg_base64}},
      {"/fake/image.gif", {"image/gif", gif_base64}},
      {"/fake/image.webp", {"image/webp", webp_base64}},
      {"/fake/image-untyped", {"image/png", png_base64}}};  // the type from the magic bytes
  for (const auto& [path, expected] : cases) {
    auto answer = post_ok(env->port(), vision_body("gemini", image_url(path)));
    EXPECT_EQ(answer.at("choices").at(0).at("message").at("content").as_string(), "tok0 tok1");
    auto native = last_native_request(*env);
    EXPECT_EQ(native.at("contents"),
              json::parse(R"([{"role":"user","parts":[{"text":"What is it?"},)"
                          R"({"inlineData":{"mimeType":")" +
                          expected.first + R"(","data":")" + expected.second + R"("}}]}])"))
        << path;
  }
}

TEST_F(ImageDownloads, AStreamedRequestGetsTheImageToo) {
  auto body = vision_body("gemini", image_url("/fake/image.jpg"));
  body.insert(body.size() - 1, R"(,"stream":true)");
  auto reply = post_json(env->port(), "/v1/chat/completions", body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(sse_data(reply.body).back(), "[DONE]");
  EXPECT_EQ(
      last_native_request(*env).at("contents").at(0).at("parts").at(1),
      json::parse(R"({"inlineData":{"mimeType":"image/jpeg","data":")" + jpeg_base64 + R"("}})"));
}

TEST_F(ImageDownloads, OllamaGetsRawBase64) {
  post_ok(env->port(), vision_body("ollama", image_url("/fake/image.gif")));
  EXPECT_EQ(
      last_native_request(*env).at("messages").at(0),
      json::parse(R"({"role":"user","content":"What is it?","images":[")" + gif_base64 + R"("]})"));
}

TEST_F(ImageDownloads, AnthropicKeepsTheUrlEvenAfterAGeminiAttemptDownloadedIt) {
  const auto url = image_url("/fake/image.png");
  const auto before = image_requests(*env);
  auto reply = post_json(env->port(), "/v1/chat/completions", vision_body("gemini-503", url));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
  EXPECT_EQ(image_requests(*env), before + 1);  // for the Gemini attempt
  auto native = last_native_request(*env);
  EXPECT_EQ(native.at("messages").at(0).at("content").at(1),
            json::parse(R"({"type":"image","source":{"type":"url","url":")" + url + R"("}})"));
}

TEST_F(ImageDownloads, ARetryDownloadsNothingAgain) {
  const auto before = image_requests(*env);
  auto reply = post_json(env->port(), "/v1/chat/completions",
                         vision_body("gemini-retry", image_url("/fake/image.png")));
  EXPECT_EQ(reply.status, 503) << reply.body;
  EXPECT_EQ(reply.header("x-keygate-attempts"), "2");
  EXPECT_EQ(image_requests(*env), before + 1);
}

TEST_F(ImageDownloads, OtherNonPublicAddressesAreRefusedWithoutAFetch) {
  const auto before = image_requests(*env);
  const auto port = std::to_string(env->fake.port());
  for (const std::string& url :
       {"http://127.0.0.2:" + port + "/fake/image.png", "http://[::1]:" + port + "/fake/image.png",
        std::string("http://169.254.169.254/latest/meta-data/"),
        std::string("http://10.0.0.1/a.png"), std::string("http://[fd00::1]/a.png"),
        std::string("http://[::ffff:192.168.0.1]/a.png")}) {
    auto error = refused("gemini", url, "image_url_blocked");
    EXPECT_NE(error.at("message").as_string().find("does not download from"), std::string::npos);
  }
  refused("ollama", "http://[::1]:" + port + "/fake/image.png", "image_url_blocked");
  EXPECT_EQ(image_requests(*env), before);
}

TEST_F(ImageDownloads, ARedirectToAPrivateAddressIsRefused) {
  const auto before = image_requests(*env);
  refused("gemini", image_url("/fake/redirect?to=http://169.254.169.254/latest/meta-data/"),
          "image_url_blocked");
  refused("ollama", image_url("/fake/redirect?to=http://127.0.0.2:1/fake/image.png&status=307"),
          "image_url_blocked");
  EXPECT_EQ(image_requests(*env), before + 2);  // the redirects only

  // A redirect to an allowed address is followed.
  post_ok(env->port(), vision_body("gemini", image_url("/fake/redirect?to=/fake/image.webp")));
  EXPECT_EQ(last_native_request(*env)
                .at("contents")
                .at(0)
                .at("parts")
                .at(1)
                .at("inlineData")
                .at("data")
                .as_string(),
            webp_base64);
}

TEST_F(ImageDownloads, TooLargeNotAnImageAndFailures) {
  auto error = refused("gemini", image_url("/fake/image.png?bytes=200000"), "image_too_large");
  EXPECT_EQ(error.at("message").as_string(), "The image is larger than 100000 bytes.");
  refused("gemini", image_url("/fake/image.png?bytes=200000&chunked=1"), "image_too_large");
  refused("gemini", image_url("/fake/not-an-image"), "unsupported_image_type");
  error = refused("ollama", image_url("/fake/no-such-image.png"), "image_download_failed");
  EXPECT_EQ(error.at("message").as_string(), "The image server answered HTTP 404.");
  refused("gemini", "http://127.0.0.1:1/a.png", "image_download_failed");  // nothing listens
}

TEST_F(ImageDownloads, ASlowImageTimesOut) {
  const auto start = std::chrono::steady_clock::now();
  auto error =
      refused("gemini", image_url("/fake/image.png?delay_ms=3000"), "image_download_failed");
  EXPECT_EQ(error.at("message").as_string(), "Downloading the image timed out.");
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_limit(std::chrono::milliseconds(2500)));
  // The gateway is fine afterwards.
  post_ok(env->port(), vision_body("gemini", image_url("/fake/image.png")));
}

// With the defaults, the fake on 127.0.0.1 is out of reach.
TEST(ImageDownloadDefaults, LoopbackIsRefusedAndNothingIsFetched) {
  gateway_fixture env(models());
  const auto url = "http://127.0.0.1:" + std::to_string(env.fake.port()) + "/fake/image.png";
  for (const char* model : {"gemini", "ollama"}) {
    auto reply = post_json(env.port(), "/v1/chat/completions", vision_body(model, url));
    EXPECT_EQ(reply.status, 400) << reply.body;
    auto error = error_of(reply);
    EXPECT_EQ(error.at("param").as_string(), "messages[0].content[1]");
    EXPECT_EQ(error.at("code").as_string(), "image_url_blocked");
    EXPECT_NE(error.at("message").as_string().find("loopback"), std::string::npos);
  }
  EXPECT_EQ(image_requests(env), 0);
  // Anthropic takes the URL itself: nothing to download, nothing refused.
  post_ok(env.port(), vision_body("claude", url));
  EXPECT_EQ(image_requests(env), 0);
}

}  // namespace
}  // namespace keygate::testing::images_test
