#include "gateway/doors/anthropic/client_headers.hpp"

namespace keygate::doors::anthropic {

std::vector<std::pair<std::string, std::string>> forwarded_headers(const http_request& request) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* name : {"anthropic-version", "anthropic-beta"})
    if (auto it = request.find(name); it != request.end())
      out.emplace_back(name, std::string(it->value()));
  return out;
}

}  // namespace keygate::doors::anthropic
