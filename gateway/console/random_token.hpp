// Random session tokens, CSRF tokens and record ids, from the kernel's generator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace keygate::console {

// `bytes` random bytes as unpadded base64url (43 characters for 32 bytes).
std::string random_token(std::size_t bytes = 32);
// `prefix` and 20 random base32 characters (100 bits): "c_...", "m_...".
std::string new_record_id(std::string_view prefix);

}  // namespace keygate::console
