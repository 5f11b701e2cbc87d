#include "gateway/console/console_request.hpp"

#include <boost/url/parse.hpp>

namespace keygate::console {

std::optional<std::string> console_request::query(std::string_view name) const {
  auto target = boost::urls::parse_origin_form(ex.request().target());
  if (!target) return std::nullopt;
  auto params = target->params();
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

}  // namespace keygate::console
