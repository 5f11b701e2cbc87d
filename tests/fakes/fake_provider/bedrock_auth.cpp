#include "bedrock_auth.hpp"

#include <chrono>
#include <ctime>

#include "gateway/translators/bedrock/sigv4.hpp"

namespace fake {

namespace http = keygate::http;
namespace aws = keygate::aws;

namespace {

constexpr auto allowed_skew = std::chrono::minutes(5);

bedrock_auth_failure unrecognized() {
  return {403, "UnrecognizedClientException",
          "The security token included in the request is invalid."};
}

bedrock_auth_failure mismatch() {
  return {403, "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check "
          "your AWS Secret Access Key and signing method. Consult the service documentation for "
          "details."};
}

// The value after "<key>=" in an Authorization header, up to the next ',' (or the end).
std::string_view field_of(std::string_view authorization, std::string_view key) {
  const std::string marker = std::string(key) + "=";
  auto at = authorization.find(marker);
  if (at == std::string_view::npos) return {};
  auto value = authorization.substr(at + marker.size());
  return value.substr(0, value.find(','));
}

std::optional<std::chrono::system_clock::time_point> parse_amz_date(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  std::tm tm{};
  std::string copy(text);
  if (!strptime(copy.c_str(), "%Y%m%dT%H%M%SZ", &tm)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::optional<bedrock_auth_failure> check_date(std::string_view date) {
  const auto when = parse_amz_date(date);
  if (!when) return mismatch();
  const auto now = std::chrono::system_clock::now();
  if (*when < now - allowed_skew || *when > now + allowed_skew) {
    const auto now_text = aws::amz_date(now);
    const auto bound = aws::amz_date(*when < now ? now - allowed_skew : now + allowed_skew);
    return bedrock_auth_failure{403, "InvalidSignatureException",
                                "Signature expired: " + std::string(date) + " is now " +
                                    (*when < now ? "earlier" : "later") + " than " + bound + " (" +
                                    now_text + (*when < now ? " - 5 min.)" : " + 5 min.)")};
  }
  return std::nullopt;
}

// Every signed header, its value as it came (repeated headers joined by commas).
std::vector<std::pair<std::string, std::string>> signed_values(const keygate::http_request& request,
                                                               std::string_view names) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!names.empty()) {
    auto semi = names.find(';');
    const auto name = names.substr(0, semi);
    names = semi == std::string_view::npos ? std::string_view() : names.substr(semi + 1);
    std::string value;
    const auto [first, last] = request.equal_range(name);
    for (auto it = first; it != last; ++it) {
      if (!value.empty()) value += ",";
      value += std::string(it->value());
    }
    out.emplace_back(std::string(name), std::move(value));
  }
  return out;
}

std::optional<bedrock_auth_failure> check_signature(const keygate::http_request& request,
                                                    std::string_view authorization) {
  if (!authorization.starts_with("AWS4-HMAC-SHA256 ")) return unrecognized();
  const auto credential = field_of(authorization, "Credential");
  const auto names = field_of(authorization, "SignedHeaders");
  const auto given = field_of(authorization, "Signature");
  // AKID/date/region/service/aws4_request
  std::vector<std::string_view> scope;
  for (std::string_view rest = credential; !rest.empty();) {
    auto slash = rest.find('/');
    scope.push_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  if (scope.size() != 5 || scope[0] != bedrock_access_key_id) return unrecognized();
  if (scope[3] != "bedrock" || scope[4] != "aws4_request") return mismatch();
  auto date = request.find("x-amz-date");
  if (date == request.end() || names.find("x-amz-date") == std::string_view::npos ||
      names.find("host") == std::string_view::npos)
    return mismatch();
  if (auto failure = check_date(date->value())) return failure;
  if (date->value().substr(0, 8) != scope[1]) return mismatch();

  const std::string_view target = request.target();
  const auto question = target.find('?');
  const aws::request_parts parts{
      keygate::http::to_string(request.method()), target.substr(0, question),
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1),
      signed_values(request, names), request.body()};
  const aws::credentials keys{std::string(bedrock_access_key_id), std::string(bedrock_secret_key),
                              ""};
  const auto expected = aws::sign(parts, keys, date->value(), scope[2], scope[3]);
  if (expected.value != given) return mismatch();
  return std::nullopt;
}

}  // namespace

std::optional<bedrock_auth_failure> check_bedrock_auth(const keygate::http_request& request) {
  auto auth = request.find(http::field::authorization);
  if (auth == request.end())
    return bedrock_auth_failure{403, "MissingAuthenticationTokenException",
                                "Missing Authentication Token"};
  const std::string_view value = auth->value();
  if (value.starts_with("Bearer ")) {
    const auto key = value.substr(7);
    if (key.empty() || key == "bad-key") return unrecognized();
    return std::nullopt;
  }
  return check_signature(request, value);
}

}  // namespace fake
