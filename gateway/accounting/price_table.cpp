#include "gateway/accounting/price_table.hpp"

#include <array>
#include <atomic>
#include <cctype>
#include <mutex>

#include "gateway/config/config_reader.hpp"
#include "gateway/config/price_reader.hpp"

namespace keygate {

std::string_view builtin_prices_yaml();  // generated from data/prices.yaml at build time

namespace {

using config_detail::reader;

constexpr std::array<std::string_view, 8> region_prefixes = {"us.",     "eu.", "apac.", "global.",
                                                             "us-gov.", "jp.", "au.",   "ca."};

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_boundary(char c) {
  return c == '-' || c == '@' || c == ':' || c == '.';
}

// `key` + `model.substr(key.size())` reads as a snapshot of `key`, not another version of it.
bool is_snapshot_suffix(std::string_view key, std::string_view model) {
  const char boundary = model[key.size()];
  if (!is_digit(key.back()) || (boundary != '-' && boundary != '.')) return true;
  std::size_t digits = 0;
  const std::string_view rest = model.substr(key.size() + 1);
  while (digits < rest.size() && is_digit(rest[digits])) ++digits;
  return digits == 0 || digits > 2;  // "-20250514" is a date; "-7" or ".5" a version
}

std::string_view without_region(std::string_view model) {
  for (auto prefix : region_prefixes)
    if (model.size() > prefix.size() && model.starts_with(prefix))
      return model.substr(prefix.size());
  return {};
}

}  // namespace

const token_prices* price_table::find_in(const provider_prices& p, std::string_view model) const {
  for (std::string_view name : {model, without_region(model)}) {
    if (name.empty()) continue;
    if (auto it = p.models.find(name); it != p.models.end()) return &it->second;
    for (std::size_t cut = name.size() - 1; cut > 0; --cut) {
      if (!is_boundary(name[cut])) continue;
      auto it = p.models.find(name.substr(0, cut));
      if (it != p.models.end() && is_snapshot_suffix(it->first, name)) return &it->second;
    }
  }
  return nullptr;
}

const token_prices* price_table::find(std::string_view provider, std::string_view model) const {
  auto it = providers_.find(provider);
  if (it == providers_.end()) return nullptr;
  const provider_prices& own = it->second;
  if (const auto* found = find_in(own, model)) return found;
  if (!own.inherit.empty())
    if (auto parent = providers_.find(own.inherit); parent != providers_.end())
      if (const auto* found = find_in(parent->second, model)) return found;
  return own.default_price ? &*own.default_price : nullptr;
}

std::vector<std::string> price_table::providers() const {
  std::vector<std::string> names;
  for (const auto& entry : providers_) names.push_back(entry.first);
  return names;
}

price_table price_table::parse(std::string_view yaml, const std::string& source_name) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw config_error({source_name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg});
  }
  if (!root.IsMap()) throw config_error({source_name + ": the file must hold a mapping"});
  reader r(source_name);
  // checked: when an imported override file's prices were checked (keygate prices import).
  r.only_keys(root, "", {"providers", "checked"});
  price_table table;
  auto providers = root["providers"];
  if (!providers.IsMap() || providers.size() == 0)
    r.problem(providers, "providers", "must be a mapping of provider names");
  else
    for (const auto& kv : providers) {
      const auto name = kv.first.as<std::string>();
      const std::string field = "providers." + name;
      if (!r.is_map(kv.second, field)) continue;
      r.only_keys(kv.second, field + ".", {"models", "default", "inherit"});
      provider_prices p;
      r.read(kv.second, "inherit", field + ".inherit", p.inherit);
      if (kv.second["default"].IsDefined())
        config_detail::read_token_prices(r, kv.second["default"], field + ".default",
                                         p.default_price.emplace());
      auto models = kv.second["models"];
      if (models.IsDefined() && !models.IsMap())
        r.problem(models, field + ".models", "must be a mapping of model names");
      else if (models.IsDefined())
        for (const auto& m : models) {
          const auto model = m.first.as<std::string>();
          token_prices prices;
          config_detail::read_token_prices(r, m.second, field + ".models." + model, prices);
          if (!p.models.emplace(model, prices).second)
            r.problem(m.first, field + ".models." + model, "is listed twice");
        }
      if (!table.providers_.emplace(name, std::move(p)).second)
        r.problem(kv.first, field, "is listed twice");
    }
  for (const auto& [name, p] : table.providers_) {
    if (p.inherit.empty()) continue;
    auto parent = table.providers_.find(p.inherit);
    const auto node = providers[name]["inherit"];
    if (parent == table.providers_.end())
      r.problem(node, "providers." + name + ".inherit", "unknown provider '" + p.inherit + "'");
    else if (!parent->second.inherit.empty() || parent->first == name)
      r.problem(node, "providers." + name + ".inherit",
                "must name a provider without an inherit of its own");
  }
  if (!r.problems().empty()) throw config_error(std::move(r.problems()));
  return table;
}

const price_table& price_table::builtin() {
  static const price_table table = parse(builtin_prices_yaml(), "data/prices.yaml");
  return table;
}

namespace {
std::mutex kept_overrides_mutex;
std::vector<std::shared_ptr<const price_table>> kept_overrides;
std::atomic<const price_table*> override_table{nullptr};
}  // namespace

void price_table::set_overrides(std::shared_ptr<const price_table> table) {
  std::lock_guard lock(kept_overrides_mutex);
  const price_table* current = table.get();
  if (table) kept_overrides.push_back(std::move(table));
  override_table.store(current, std::memory_order_release);
}

const price_table* price_table::overrides() {
  return override_table.load(std::memory_order_acquire);
}

}  // namespace keygate
