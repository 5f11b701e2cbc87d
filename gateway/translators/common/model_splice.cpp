#include "gateway/translators/common/model_splice.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace keygate {

std::string with_model(std::string_view body, byte_span model_value, std::string_view model) {
  std::string out;
  out.reserve(body.size() + model.size());
  out.append(body.substr(0, model_value.offset));
  out.append(boost::json::serialize(boost::json::string(model)));
  out.append(body.substr(model_value.offset + model_value.length));
  return out;
}

}  // namespace keygate
