#include "gateway/upstream/google_auth/token_exchange.hpp"

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "gateway/upstream/google_auth/jwt_assertion.hpp"

namespace keygate::google_auth {

namespace {

namespace http = boost::beast::http;

constexpr std::size_t max_problem_text = 200;

fetched_token failed(std::string problem) {
  return {{}, std::chrono::seconds(0), std::move(problem)};
}

std::string clipped(std::string_view text) {
  return std::string(text.substr(0, std::min(text.size(), max_problem_text)));
}

// "invalid_grant: Invalid JWT Signature." from Google's {"error", "error_description"}.
std::string refusal_reason(std::string_view body) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object()) return {};
  const auto& answer = parsed.get_object();
  std::string reason;
  if (const auto* error = answer.if_contains("error"); error && error->is_string())
    reason = error->get_string();
  if (const auto* about = answer.if_contains("error_description"); about && about->is_string())
    reason += (reason.empty() ? "" : ": ") + std::string(about->get_string());
  return clipped(reason);
}

}  // namespace

std::string exchange_form(std::string_view assertion) {
  // The assertion is base64url and dots: nothing in it needs escaping.
  return "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" +
         std::string(assertion);
}

fetched_token read_token_answer(unsigned status, std::string_view body) {
  if (status >= 300) {
    auto reason = refusal_reason(body);
    return failed("the token endpoint refused the service account (HTTP " + std::to_string(status) +
                  (reason.empty() ? "" : ": " + reason) + ")");
  }
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(body, ec);
  const auto* answer = !ec && parsed.is_object() ? &parsed.get_object() : nullptr;
  const auto* token = answer ? answer->if_contains("access_token") : nullptr;
  if (!token || !token->is_string() || token->get_string().empty())
    return failed("the token endpoint's answer has no access_token");
  std::int64_t seconds = 3600;
  if (const auto* expires = answer->if_contains("expires_in")) {
    if (expires->is_int64())
      seconds = expires->get_int64();
    else if (expires->is_uint64())
      seconds = static_cast<std::int64_t>(expires->get_uint64());
    else
      return failed("the token endpoint's expires_in is not a number");
  }
  return {std::string(token->get_string()),
          std::chrono::seconds(std::max<std::int64_t>(seconds, 0)),
          {}};
}

task<fetched_token> exchange_assertion(upstream_client& client, const service_account& account,
                                       const upstream_timeouts& timeouts) {
  std::optional<upstream_endpoint> endpoint;
  try {
    endpoint = upstream_endpoint::parse(account.token_uri);
  } catch (const std::invalid_argument&) {
    co_return failed("the service account's token_uri is not a URL keygate can reach");
  }
  auto assertion = sign_assertion(account, std::chrono::system_clock::now());
  if (!assertion) co_return failed("the service account's private_key is not an RSA key in PEM");
  upstream_request request;
  request.method = http::verb::post;
  request.target = endpoint->base_path.empty() ? "/" : endpoint->base_path;
  request.headers.set(http::field::content_type, "application/x-www-form-urlencoded");
  request.headers.set(http::field::accept, "application/json");
  request.body = exchange_form(*assertion);
  auto sent = co_await client.send(*endpoint, request, timeouts);
  if (!sent.response)
    co_return failed("the token endpoint could not be reached (" +
                     std::string(describe(sent.failure)) + ")");
  std::string body;
  const bool whole = co_await sent.response->read_all(body);
  if (!whole) co_return failed("the token endpoint's answer broke off");
  co_return read_token_answer(sent.response->status(), body);
}

}  // namespace keygate::google_auth
