// Answers of the console API: JSON bodies and {"error": {"message", "code"}} errors.
#pragma once

#include <boost/json/value.hpp>

#include "gateway/console/api_error.hpp"
#include "gateway/http/exchange.hpp"

namespace keygate::console {

task<void> respond_json(exchange& ex, const boost::json::value& body,
                        http::status status = http::status::ok);
task<void> respond_error(exchange& ex, const api_error& error);

}  // namespace keygate::console
