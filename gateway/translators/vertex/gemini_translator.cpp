#include "gateway/translators/vertex/gemini_translator.hpp"

namespace keygate::vertex {

std::variant<native_request, openai_error> gemini_translator::build(
    const translate_input& in) const {
  auto built = gemini_.build(in);
  if (auto* request = std::get_if<native_request>(&built))
    request->http.headers.erase("x-goog-api-key");
  return built;
}

std::variant<openai_answer, openai_error> gemini_translator::parse(const translate_input& in,
                                                                   std::string native_body) const {
  return gemini_.parse(in, std::move(native_body));
}

std::unique_ptr<stream_translator> gemini_translator::stream(const translate_input& in) const {
  return gemini_.stream(in);
}

openai_error gemini_translator::error(int status, std::string_view native_body,
                                      const boost::beast::http::fields& headers) const {
  return gemini_.error(status, native_body, headers);
}

std::optional<std::chrono::milliseconds> gemini_translator::retry_after_in_body(
    std::string_view native_body) const {
  return gemini_.retry_after_in_body(native_body);
}

}  // namespace keygate::vertex
