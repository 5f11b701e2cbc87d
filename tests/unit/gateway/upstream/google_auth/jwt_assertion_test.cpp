// The service account's signed assertion: RS256 that verifies with the public key, and the claims
// Google's token endpoint checks.
#include "gateway/upstream/google_auth/jwt_assertion.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "gateway/upstream/google_auth/service_account.hpp"
#include "tests/support/service_account_key.hpp"

namespace keygate::google_auth::jwt_assertion_test {
namespace {

namespace json = boost::json;

std::string base64url_decode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  std::size_t padding = 0;
  while (standard.size() % 4 != 0) {
    standard += '=';
    ++padding;
  }
  std::string out(standard.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(standard.data()),
                                static_cast<int>(standard.size()));
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

bool verifies(const std::string& public_pem, std::string_view input, const std::string& sig) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get());
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

class JwtAssertion : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { key = new testing::rsa_key_pair(testing::generate_rsa_key()); }
  static void TearDownTestSuite() { delete key; }
  static testing::rsa_key_pair* key;

  static service_account account() {
    auto read = read_service_account(testing::service_account_json(
        *key, "gateway@test-project.iam.gserviceaccount.com", "https://oauth2.example/token"));
    EXPECT_TRUE(read.account) << read.problem;
    return *read.account;
  }
};
testing::rsa_key_pair* JwtAssertion::key = nullptr;

TEST(Base64url, NoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff\xfe"), "-__-");
}

TEST_F(JwtAssertion, SignatureVerifiesWithThePublicKey) {
  const auto jwt = sign_assertion(account(), std::chrono::system_clock::now());
  ASSERT_TRUE(jwt);
  const auto last_dot = jwt->rfind('.');
  const std::string signature = base64url_decode(std::string_view(*jwt).substr(last_dot + 1));
  EXPECT_EQ(signature.size(), 256u);  // RSA 2048
  EXPECT_TRUE(verifies(key->public_pem, std::string_view(*jwt).substr(0, last_dot), signature));
  auto tampered = std::string(jwt->substr(0, last_dot));
  tampered[tampered.size() / 2] ^= 1;
  EXPECT_FALSE(verifies(key->public_pem, tampered, signature));
}

TEST_F(JwtAssertion, HeaderAndClaims) {
  const auto issued = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  const auto jwt = sign_assertion(account(), issued);
  ASSERT_TRUE(jwt);
  const auto first = jwt->find('.');
  const auto second = jwt->find('.', first + 1);
  const auto header = json::parse(base64url_decode(jwt->substr(0, first)));
  EXPECT_EQ(header, json::parse(R"({"alg":"RS256","typ":"JWT","kid":"test-key-id-1"})"));
  const auto claims = json::parse(base64url_decode(jwt->substr(first + 1, second - first - 1)));
  EXPECT_EQ(claims, json::parse(R"({"iss":"gateway@test-project.iam.gserviceaccount.com",)"
                                R"("scope":"https://www.googleapis.com/auth/cloud-platform",)"
                                R"("aud":"https://oauth2.example/token",)"
                                R"("iat":1800000000,"exp":1800003600})"));
}

TEST_F(JwtAssertion, AKeyThatIsNotRsaPemSignsNothing) {
  auto broken = account();
  broken.private_key = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n";
  EXPECT_FALSE(sign_assertion(broken, std::chrono::system_clock::now()));
}

TEST(ServiceAccount, ReadsTheFieldsAndNamesWhatIsMissingWithoutQuotingTheKey) {
  auto read = read_service_account(
      R"({"type":"service_account","client_email":"a@b","private_key":"PEM-SECRET"})");
  ASSERT_TRUE(read.account);
  EXPECT_EQ(read.account->token_uri, "https://oauth2.googleapis.com/token");  // the default
  auto missing = read_service_account(R"({"type":"service_account","private_key":"PEM-SECRET"})");
  EXPECT_FALSE(missing.account);
  EXPECT_EQ(missing.problem, "the service account key has no client_email");
  auto user = read_service_account(R"({"type":"authorized_user","private_key":"PEM-SECRET"})");
  EXPECT_FALSE(user.account);
  EXPECT_EQ(user.problem.find("PEM-SECRET"), std::string::npos);
  EXPECT_FALSE(read_service_account("PEM-SECRET not json").account);
}

}  // namespace
}  // namespace keygate::google_auth::jwt_assertion_test
