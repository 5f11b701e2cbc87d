#include "image_api.hpp"

#include <atomic>
#include <boost/url/parse.hpp>
#include <charconv>
#include <string>

#include "fake_io.hpp"
#include "gateway/http/error_response.hpp"

namespace fake {

namespace {

namespace http = keygate::http;
using keygate::task;

std::atomic<long> served{0};

constexpr unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
    0xda, 0x63, 0x64, 0xf8, 0xcf, 0x50, 0x0f, 0x00, 0x03, 0x86, 0x01, 0x80, 0x5a, 0x34,
    0x7d, 0x6b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
constexpr unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00,
                                  0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9};
constexpr unsigned char gif[] = {0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80,
                                 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04,
                                 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01,
                                 0x00, 0x01, 0x00, 0x00, 0x02, 0x01, 0x44, 0x00, 0x3b};
constexpr unsigned char webp[] = {0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57,
                                  0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x0d, 0x00,
                                  0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10,
                                  0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00};

template <std::size_t N>
std::string bytes_of(const unsigned char (&data)[N]) {
  return std::string(reinterpret_cast<const char*>(data), N);
}

struct image_file {
  std::string body;
  std::string content_type;
};

std::optional<image_file> file_for(std::string_view path) {
  if (path == "/fake/image.png") return image_file{bytes_of(png), "image/png"};
  if (path == "/fake/image.jpg") return image_file{bytes_of(jpeg), "image/jpeg"};
  if (path == "/fake/image.gif") return image_file{bytes_of(gif), "image/gif"};
  if (path == "/fake/image.webp") return image_file{bytes_of(webp), "image/webp"};
  if (path == "/fake/image-untyped") return image_file{bytes_of(png), "application/octet-stream"};
  if (path == "/fake/not-an-image")
    return image_file{"<html><body>Not an image.</body></html>", "text/html; charset=utf-8"};
  return std::nullopt;
}

struct image_query {
  std::size_t bytes = 0;  // pad the body with zeros up to this size
  millis delay{0};        // before the response head
  bool chunked = false;   // no Content-Length: the size shows only as the body comes
  std::string type;       // Content-Type in place of the file's
  std::string to;         // /fake/redirect: the Location
  int status = 302;       // /fake/redirect: the status
};

long number(std::string_view text) {
  long value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

image_query read_query(std::string_view target) {
  image_query q;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return q;
  for (const auto& param : parsed->params()) {
    if (param.key == "bytes") q.bytes = static_cast<std::size_t>(number(param.value));
    if (param.key == "delay_ms") q.delay = millis(number(param.value));
    if (param.key == "chunked") q.chunked = param.value == "1";
    if (param.key == "type") q.type = param.value;
    if (param.key == "to") q.to = param.value;
    if (param.key == "status") q.status = static_cast<int>(number(param.value));
  }
  return q;
}

task<void> send_chunked(keygate::exchange& ex, const std::string& body, std::string type) {
  http::fields fields;
  fields.set(http::field::content_type, type);
  if (!co_await ex.begin_stream(http::status::ok, std::move(fields))) co_return;
  constexpr std::size_t piece = std::size_t{64} * 1024;
  for (std::size_t at = 0; at < body.size(); at += piece)
    if (!co_await ex.write_chunk(std::string_view(body).substr(at, piece))) co_return;
  co_await ex.end_stream();
}

}  // namespace

bool is_image_path(std::string_view path) {
  return path == "/fake/redirect" || file_for(path).has_value();
}

long image_requests() {
  return served.load();
}

task<void> serve_image(keygate::exchange& ex) {
  ++served;
  std::string_view target = ex.request().target();
  const auto path = target.substr(0, target.find('?'));
  const auto query = read_query(target);
  co_await sleep_for(ex, query.delay);
  if (path == "/fake/redirect") {
    keygate::http_response out{static_cast<http::status>(query.status), 11};
    out.set(http::field::location, query.to);
    co_return co_await ex.respond(std::move(out));
  }
  auto file = *file_for(path);
  if (query.bytes > file.body.size()) file.body.resize(query.bytes, '\0');
  auto type = query.type.empty() ? file.content_type : query.type;
  if (query.chunked) co_return co_await send_chunked(ex, file.body, std::move(type));
  keygate::http_response out{http::status::ok, 11};
  out.set(http::field::content_type, type);
  out.body() = std::move(file.body);
  co_await ex.respond(std::move(out));
}

}  // namespace fake
