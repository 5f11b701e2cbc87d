// Secrets in and out: their SHA-256, fresh random secrets and ids, constant-time comparison.
#pragma once

#include <string>
#include <string_view>

namespace keygate {

std::string sha256_hex(std::string_view data);
bool is_sha256_hex(std::string_view text);
// Compares without an early exit, so the time taken says nothing of where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);
// "sk-kg-" and 43 random base62 characters (256 bits).
std::string new_key_secret();
// "key-" and 16 random hex characters.
std::string new_key_id();

}  // namespace keygate
