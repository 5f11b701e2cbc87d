// Bedrock errors as OpenAI errors
// (docs/bedrock.md#request-request_bodycpp-message_listcpp-content_blockscpp-tool_optionscpp,
// docs/mapping.md#errors). A whole error response names its type in the x-amzn-ErrorType header
// ("ThrottlingException:http://…") or in the body's "__type"; a stream's exception names it in
// :exception-type ("throttlingException").
#pragma once

#include <string_view>

#include "gateway/base/openai_error.hpp"

namespace keygate::bedrock {

// `error_type` as the header gives it, or empty when there is none.
openai_error error_from_response(int upstream_status, std::string_view error_type,
                                 std::string_view body);
// A modelled exception inside a 200 stream, or an unmodelled error (:error-code).
openai_error error_from_exception(std::string_view exception_type, std::string_view body);

}  // namespace keygate::bedrock
