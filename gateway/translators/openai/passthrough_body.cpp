#include "gateway/translators/openai/passthrough_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

namespace keygate::openai {

namespace {

struct edit {
  std::size_t offset;
  std::size_t length;  // bytes replaced; 0 inserts
  std::string text;
};

// The client's own stream_options with include_usage turned on (rare: most clients send none).
std::string with_include_usage(std::string_view options_json) {
  auto value = boost::json::parse(options_json);
  value.as_object()["include_usage"] = true;
  return boost::json::serialize(value);
}

}  // namespace

std::string passthrough_body(const canonical_request& request, std::string_view upstream_model) {
  std::string_view body = request.body;
  edit edits[2];
  std::size_t count = 0;
  edits[count++] = {request.model_value.offset, request.model_value.length,
                    boost::json::serialize(boost::json::string(upstream_model))};
  if (request.stream && !request.include_usage) {
    if (request.stream_options) {
      auto span = *request.stream_options;
      edits[count++] = {span.offset, span.length,
                        with_include_usage(body.substr(span.offset, span.length))};
    } else {
      edits[count++] = {request.object_start + 1, 0, R"("stream_options":{"include_usage":true},)"};
    }
  }
  if (count == 2 && edits[1].offset < edits[0].offset) std::swap(edits[0], edits[1]);

  std::string out;
  out.reserve(body.size() + 64);
  std::size_t at = 0;
  for (std::size_t i = 0; i < count; ++i) {
    out.append(body.substr(at, edits[i].offset - at));
    out.append(edits[i].text);
    at = edits[i].offset + edits[i].length;
  }
  out.append(body.substr(at));
  return out;
}

}  // namespace keygate::openai
