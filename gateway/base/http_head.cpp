#include "gateway/base/http_head.hpp"

namespace keygate {

namespace {

namespace http = boost::beast::http;

constexpr std::size_t size_guess = 256;

void append_version(std::string& out, unsigned version) {
  const char text[] = {'H', 'T',
                       'T', 'P',
                       '/', static_cast<char>('0' + version / 10 % 10),
                       '.', static_cast<char>('0' + version % 10)};
  out.append(text, sizeof text);
}

void append_fields_and_end(std::string& out, const http::fields& fields) {
  for (const auto& field : fields) {
    const auto name = field.name_string();
    const auto value = field.value();
    out.append(name.data(), name.size()).append(": ", 2);
    out.append(value.data(), value.size()).append("\r\n", 2);
  }
  out.append("\r\n", 2);
}

}  // namespace

std::string http_head(const http::request_header<>& head) {
  std::string out;
  out.reserve(size_guess);
  const auto method = head.method_string();
  const auto target = head.target();
  out.append(method.data(), method.size()).push_back(' ');
  out.append(target.data(), target.size()).push_back(' ');
  append_version(out, head.version());
  out.append("\r\n", 2);
  append_fields_and_end(out, head);
  return out;
}

std::string http_head(const http::response_header<>& head) {
  std::string out;
  out.reserve(size_guess);
  append_version(out, head.version());
  const unsigned status = head.result_int();
  const char code[] = {' ', static_cast<char>('0' + status / 100 % 10),
                       static_cast<char>('0' + status / 10 % 10),
                       static_cast<char>('0' + status % 10), ' '};
  out.append(code, sizeof code);
  const auto reason = head.reason();
  out.append(reason.data(), reason.size()).append("\r\n", 2);
  append_fields_and_end(out, head);
  return out;
}

}  // namespace keygate
