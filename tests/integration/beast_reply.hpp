// A Beast response as the tests read it: status, lower-case header names, body.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>

#include "harness.hpp"

namespace keygate::testing {

inline http_reply reply_from(
    const boost::beast::http::response<boost::beast::http::string_body>& res) {
  http_reply reply;
  reply.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(f.value());
  }
  reply.body = res.body();
  return reply;
}

}  // namespace keygate::testing
