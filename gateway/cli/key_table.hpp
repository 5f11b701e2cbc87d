// The table `keygate keys list` prints: one row per key, never a secret or a hash.
#pragma once

#include <boost/json/array.hpp>
#include <string>

namespace keygate::cli {

// `keys` is the admin API's list ("data"); the text ends with a newline.
std::string key_table(const boost::json::array& keys);

}  // namespace keygate::cli
