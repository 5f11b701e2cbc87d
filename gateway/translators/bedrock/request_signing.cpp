#include "gateway/translators/bedrock/request_signing.hpp"

#include "gateway/translators/bedrock/sigv4.hpp"

namespace keygate::bedrock {

namespace http = boost::beast::http;

void authenticate(upstream_request& request, const deployment& target,
                  std::chrono::system_clock::time_point now) {
  if (!target.api_key.empty()) {
    request.headers.set(http::field::authorization, "Bearer " + target.api_key);
    return;
  }
  const auto& keys = target.aws;
  const std::string date = aws::amz_date(now);
  request.headers.set("x-amz-date", date);
  if (!keys.session_token.empty()) request.headers.set("x-amz-security-token", keys.session_token);

  const std::string_view target_text = request.target;
  const auto question = target_text.find('?');
  aws::request_parts parts{
      "POST",
      target_text.substr(0, question),
      question == std::string_view::npos ? std::string_view() : target_text.substr(question + 1),
      {{"content-type", "application/json"},
       {"host", target.endpoint ? target.endpoint->host_header : std::string()},
       {"x-amz-date", date}},
      request.body};
  if (!keys.session_token.empty())
    parts.headers.emplace_back("x-amz-security-token", keys.session_token);
  const aws::credentials credentials{keys.access_key_id, keys.secret_access_key,
                                     keys.session_token};
  request.headers.set(
      http::field::authorization,
      aws::sign(parts, credentials, date, keys.region, signing_service).authorization);
}

}  // namespace keygate::bedrock
