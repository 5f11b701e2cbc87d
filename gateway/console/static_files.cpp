#include "gateway/console/static_files.hpp"

#include "gateway/console/accept_encoding.hpp"
#include "gateway/console/api_error.hpp"
#include "gateway/console/console_headers.hpp"
#include "gateway/console/text_util.hpp"

namespace keygate::console {

namespace {

const embedded_file* find_file(std::string_view path) {
  for (const auto& file : console_files())
    if (file.path == path) return &file;
  return nullptr;
}

// The ETag of one copy: the file's digest, and the coding for a compressed copy.
std::string etag_of(const embedded_file& file, content_coding coding) {
  std::string tag(file.etag.substr(0, file.etag.size() - 1));  // without the closing quote
  if (coding == content_coding::br) tag += "-br";
  if (coding == content_coding::gzip) tag += "-gz";
  return tag + "\"";
}

}  // namespace

bool is_static_path(std::string_view path) {
  return path == "/" || path.starts_with("/assets/");
}

bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto end = header.find(',');
    std::string_view tag = trim_blanks(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

task<void> serve_static(exchange& ex, std::string_view path, bool console_enabled) {
  mark_console_response(ex);
  const auto& request = ex.request();
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    ex.extra_headers().set(http::field::allow, "GET, HEAD");
    const api_error error{405, "method_not_allowed", "Use GET here."};
    std::string text = error.to_json();
    co_return co_await ex.respond(http::status::method_not_allowed, std::move(text));
  }
  if (!console_built_in() || !console_enabled) {
    const api_error error{
        404, "console_not_available",
        console_built_in()
            ? "The web console is turned off in this keygate's configuration (console.enabled)."
            : "This keygate was built without its web console (KEYGATE_CONSOLE=OFF). The API is "
              "at /v1."};
    std::string text = error.to_json();
    co_return co_await ex.respond(http::status::not_found, std::move(text));
  }
  const embedded_file* file = find_file(path);
  if (!file) {
    const api_error error = not_found("No such file: " + std::string(path) + ".");
    std::string text = error.to_json();
    co_return co_await ex.respond(http::status::not_found, std::move(text));
  }
  std::string_view accept;
  if (auto it = request.find(http::field::accept_encoding); it != request.end())
    accept = it->value();
  const auto coding = choose_coding(accept, !file->gzip.empty(), !file->br.empty());
  const std::string etag = etag_of(*file, coding);

  http_response response{http::status::ok, request.version()};
  response.set(http::field::cache_control, file->cache_control);
  response.set(http::field::vary, "Accept-Encoding");
  response.set(http::field::etag, etag);
  if (auto it = request.find(http::field::if_none_match);
      it != request.end() && etag_matches(it->value(), etag)) {
    response.result(http::status::not_modified);
    co_return co_await ex.respond(std::move(response));
  }
  response.set(http::field::content_type, file->content_type);
  std::string_view body = file->identity;
  if (coding == content_coding::br) {
    response.set(http::field::content_encoding, "br");
    body = file->br;
  } else if (coding == content_coding::gzip) {
    response.set(http::field::content_encoding, "gzip");
    body = file->gzip;
  }
  co_await ex.respond_static(std::move(response), body);
}

}  // namespace keygate::console
