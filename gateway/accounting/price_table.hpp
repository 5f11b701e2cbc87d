// USD prices per million tokens for each provider's models: the table shipped in data/prices.yaml
// (built into the binary), looked up by provider and model as a deployment names them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/accounting/cost.hpp"
#include "gateway/config/token_prices.hpp"

namespace keygate {

class price_table {
 public:
  // data/prices.yaml as it was at build time.
  static const price_table& builtin();
  // An override file's table (`prices:` in the config, written by `keygate prices import`): its
  // models win over the built-in table's. Set at startup and by a reload that changed the file;
  // nullptr: none. A table once set is kept for the process's life, since a request in flight may
  // hold prices from it.
  static void set_overrides(std::shared_ptr<const price_table> table);
  static const price_table* overrides();
  // Throws config_error (gateway/config/config.hpp) listing every problem as "file:line: field:
  // what".
  static price_table parse(std::string_view yaml, const std::string& source_name);

  // The provider's exact model first, then the longest known model that is a prefix of `model`
  // ending at a '-', '@', ':' or '.' (a dated snapshot: gpt-4o-2024-08-06 → gpt-4o), each also
  // tried without a Bedrock region prefix ("us.", "eu.", "apac.", "global.", ...); then the
  // provider it inherits from, then its default. A one- or two-digit minor version after a
  // version number is a different model, not a snapshot: claude-opus-4-7 is not claude-opus-4.
  // nullptr when nothing matches.
  const token_prices* find(std::string_view provider, std::string_view model) const;

  // Calls f(provider, model, prices) for every listed model, defaults excluded.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [provider, p] : providers_)
      for (const auto& [model, prices] : p.models) f(provider, model, prices);
  }
  std::vector<std::string> providers() const;

 private:
  struct provider_prices {
    std::map<std::string, token_prices, std::less<>> models;
    std::optional<token_prices> default_price;
    std::string inherit;  // another provider of the table whose models also apply
  };

  const token_prices* find_in(const provider_prices& p, std::string_view model) const;

  std::map<std::string, provider_prices, std::less<>> providers_;
};

}  // namespace keygate
