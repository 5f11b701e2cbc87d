// Which copy of a file to send for a request's Accept-Encoding (RFC 9110 §12.5.3): q-values
// respected, "*" standing for every coding not named, a q of 0 refusing one.
#pragma once

#include <string_view>

namespace keygate::console {

enum class content_coding { identity, gzip, br };

// The acceptable coding with the highest q among those available; on a tie the smaller copy
// (br, then gzip, then identity). Identity is acceptable unless refused by name or by "*;q=0";
// when nothing is acceptable, identity anyway (a 406 would help nobody).
content_coding choose_coding(std::string_view accept_encoding, bool have_gzip, bool have_br);

}  // namespace keygate::console
