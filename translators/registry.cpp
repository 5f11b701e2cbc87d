#include "translators/registry.hpp"

#include <array>
#include <stdexcept>

#include "translators/http_provider.hpp"
#include "translators/mock/mock_provider.hpp"
#include "translators/openai/passthrough_translator.hpp"

namespace keygate {

namespace {

struct entry {
  provider_traits traits;
  const provider& implementation;
};

const openai::passthrough_translator openai_wire;
const http_provider openai_passthrough(openai_wire);
const mock_provider mock;

// One line per provider.
const std::array<entry, 3> providers{{
    {{"openai", "https://api.openai.com/v1", true, false}, openai_passthrough},
    {{"openai_compatible", "", false, false}, openai_passthrough},
    {{"mock", "", false, true}, mock},
}};

}  // namespace

const provider_traits* find_provider_traits(std::string_view name) {
  for (const auto& e : providers)
    if (e.traits.name == name) return &e.traits;
  return nullptr;
}

const provider& provider_for(std::string_view name) {
  for (const auto& e : providers)
    if (e.traits.name == name) return e.implementation;
  throw std::logic_error("unregistered provider");
}

std::string provider_names() {
  std::string names;
  for (const auto& e : providers) {
    if (!names.empty()) names += ", ";
    names += e.traits.name;
  }
  return names;
}

}  // namespace keygate
