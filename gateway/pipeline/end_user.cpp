#include "gateway/pipeline/end_user.hpp"

#include <array>

namespace keygate {

namespace {

// Control characters would break log lines and label values; they are dropped.
std::string cleaned(std::string_view raw) {
  std::string out;
  for (char c : raw.substr(0, max_end_user_bytes))
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out.push_back(c);
  return out;
}

std::string header_value(const http_request& request, std::string_view name) {
  auto it = request.find(name);
  if (it == request.end()) return {};
  return cleaned(it->value());
}

}  // namespace

std::string end_user_of(const http_request& request, const canonical_request& body,
                        std::string_view configured_header) {
  if (!configured_header.empty())
    if (auto named = header_value(request, configured_header); !named.empty()) return named;
  constexpr std::array<std::string_view, 3> open_webui{
      "x-openwebui-user-email", "x-openwebui-user-id", "x-openwebui-user-name"};
  for (auto header : open_webui)
    if (auto forwarded = header_value(request, header); !forwarded.empty()) return forwarded;
  return cleaned(body.user);
}

}  // namespace keygate
