#include "gateway/translators/gemini/embeddings_mapping.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

json::object one_request(std::string_view model_name, std::string_view text,
                         const json::value* dimensions) {
  json::object part{{"text", text}};
  json::object request{{"model", model_name},
                       {"content", json::object{{"parts", json::array{std::move(part)}}}}};
  if (dimensions) request["outputDimensionality"] = *dimensions;
  return request;
}

}  // namespace

std::variant<std::string, openai_error> embeddings_body(const json::object& request,
                                                        std::string_view model) {
  if (model.starts_with("models/")) model.remove_prefix(7);
  const std::string model_name = "models/" + std::string(model);
  const json::value* dimensions = request.if_contains("dimensions");
  if (dimensions && dimensions->is_null()) dimensions = nullptr;
  const json::value* input = request.if_contains("input");
  if (!input) return invalid_request("'input' is required.", std::string("input"));

  json::array requests;
  auto add = [&](const json::value& item) {
    if (!item.is_string()) return false;
    requests.push_back(one_request(model_name, item.get_string(), dimensions));
    return true;
  };
  bool texts = input->is_string() ? add(*input) : input->is_array();
  if (texts && input->is_array())
    for (const auto& item : input->get_array()) texts = texts && add(item);
  if (!texts)
    return invalid_request("Gemini embeds text only: 'input' must be a string or strings.",
                           std::string("input"), std::string("unsupported_parameter"));
  return json::serialize(json::object{{"requests", std::move(requests)}});
}

std::vector<std::string> dropped_embeddings_fields(const json::object& request) {
  std::vector<std::string> dropped;
  for (const auto& field : request) {
    const auto key = field.key();
    if (field.value().is_null() || key == "model" || key == "input" || key == "dimensions" ||
        key == "encoding_format")
      continue;
    dropped.emplace_back(key);
  }
  return dropped;
}

std::variant<openai_answer, openai_error> embeddings_answer(std::string_view native_body,
                                                            const embeddings_request& view,
                                                            std::string_view model) {
  boost::system::error_code ec;
  const auto doc = json::parse(native_body, ec);
  if (ec || !doc.is_object())
    return invalid_upstream_answer("an embeddings answer that is not JSON");
  const auto* list = doc.get_object().if_contains("embeddings");
  if (!list || !list->is_array()) return invalid_upstream_answer("an answer without embeddings");
  if (list->get_array().size() != view.input_count)
    return invalid_upstream_answer("a different number of embeddings than inputs");

  std::vector<std::vector<float>> vectors;
  vectors.reserve(list->get_array().size());
  for (const auto& entry : list->get_array()) {
    const auto* values = entry.is_object() ? entry.get_object().if_contains("values") : nullptr;
    if (!values || !values->is_array())
      return invalid_upstream_answer("an embedding without values");
    auto& vector = vectors.emplace_back();
    vector.reserve(values->get_array().size());
    for (const auto& v : values->get_array()) {
      if (!v.is_number()) return invalid_upstream_answer("an embedding value that is not a number");
      vector.push_back(static_cast<float>(v.to_number<double>()));
    }
  }
  openai_answer answer;
  answer.usage.prompt = view.word_count;  // an estimate: Gemini reports none
  answer.body = openai::embedding_list_json(vectors, model, view.encoding, view.word_count);
  return answer;
}

}  // namespace keygate::gemini
