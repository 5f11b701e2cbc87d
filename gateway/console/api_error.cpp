#include "gateway/console/api_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace keygate::console {

std::string api_error::to_json() const {
  boost::json::object error{{"message", message}, {"code", code}};
  return boost::json::serialize(boost::json::object{{"error", std::move(error)}});
}

api_error bad_request(std::string message, std::string code) {
  return {400, std::move(code), std::move(message)};
}

api_error not_found(std::string what) {
  return {404, "not_found", std::move(what)};
}

}  // namespace keygate::console
