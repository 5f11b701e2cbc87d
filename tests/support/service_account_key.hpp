// A throwaway RSA key pair and the service account JSON key around it, made fresh by each test
// that needs Google credentials (the fake's token endpoint learns the public half).
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <memory>
#include <stdexcept>
#include <string>

namespace keygate::testing {

struct rsa_key_pair {
  std::string private_pem;  // PKCS#8, as Google's keys hold it
  std::string public_pem;   // SubjectPublicKeyInfo
};

inline std::string read_bio(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

inline rsa_key_pair generate_rsa_key() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  if (!key) throw std::runtime_error("RSA key generation failed");
  std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), &BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> pub(BIO_new(BIO_s_mem()), &BIO_free);
  if (PEM_write_bio_PKCS8PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1 ||
      PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1)
    throw std::runtime_error("PEM encoding failed");
  return {read_bio(priv.get()), read_bio(pub.get())};
}

inline std::string service_account_json(const rsa_key_pair& key, const std::string& client_email,
                                        const std::string& token_uri,
                                        const std::string& key_id = "test-key-id-1") {
  const boost::json::object account{
      {"type", "service_account"},    {"project_id", "test-project"},
      {"private_key_id", key_id},     {"private_key", key.private_pem},
      {"client_email", client_email}, {"client_id", "100000000000000000001"},
      {"token_uri", token_uri}};
  return boost::json::serialize(account);
}

}  // namespace keygate::testing
