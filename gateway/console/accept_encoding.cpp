#include "gateway/console/accept_encoding.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "gateway/console/text_util.hpp"

namespace keygate::console {

namespace {

// "q=0.5" among the parameters after a coding; 1 when absent, 0 when malformed.
double quality(std::string_view params) {
  while (!params.empty()) {
    const auto end = params.find(';');
    const std::string_view param = trim_blanks(params.substr(0, end));
    params = end == std::string_view::npos ? std::string_view() : params.substr(end + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    const std::string_view number = trim_blanks(param.substr(2));
    double q = 0;
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), q);
    if (ec != std::errc() || ptr != number.data() + number.size()) return 0;
    return std::clamp(q, 0.0, 1.0);
  }
  return 1;
}

struct qualities {
  std::optional<double> identity, gzip, br, any;
};

qualities parse(std::string_view header) {
  qualities q;
  while (!header.empty()) {
    const auto end = header.find(',');
    const std::string_view item = trim_blanks(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    if (item.empty()) continue;
    const auto semicolon = item.find(';');
    const std::string_view coding = trim_blanks(item.substr(0, semicolon));
    const double value =
        semicolon == std::string_view::npos ? 1.0 : quality(item.substr(semicolon + 1));
    auto keep = [value](std::optional<double>& slot) { slot = std::max(slot.value_or(0), value); };
    if (equals_ignoring_case(coding, "identity"))
      keep(q.identity);
    else if (equals_ignoring_case(coding, "gzip") || equals_ignoring_case(coding, "x-gzip"))
      keep(q.gzip);
    else if (equals_ignoring_case(coding, "br"))
      keep(q.br);
    else if (coding == "*")
      keep(q.any);
  }
  return q;
}

}  // namespace

content_coding choose_coding(std::string_view accept_encoding, bool have_gzip, bool have_br) {
  const qualities q = parse(accept_encoding);
  // Unnamed codings take "*"'s q, identity too; unnamed identity without "*" is acceptable.
  const double br = have_br ? q.br.value_or(q.any.value_or(0)) : 0;
  const double gzip = have_gzip ? q.gzip.value_or(q.any.value_or(0)) : 0;
  const double identity = q.identity.value_or(q.any.value_or(1));
  if (br > 0 && br >= gzip && br >= identity) return content_coding::br;
  if (gzip > 0 && gzip >= identity) return content_coding::gzip;
  return content_coding::identity;
}

}  // namespace keygate::console
