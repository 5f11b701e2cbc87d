#include "gateway/program/prices_command.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "gateway/accounting/litellm_prices.hpp"
#include "gateway/accounting/price_table.hpp"

namespace keygate {

namespace {

constexpr const char* prices_usage =
    "usage: keygate prices import FILE [--out PATH]\n"
    "  FILE: a price list in LiteLLM's model_prices_and_context_window.json format\n"
    "  --out: the override file to write (default keygate-prices.yaml); name it in the\n"
    "         config as `prices: PATH`\n";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

std::string today_utc() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{days};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace

int run_prices_command(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[0]) != "import") {
    std::cerr << prices_usage;
    return 2;
  }
  const std::string source = argv[1];
  std::string out_path = "keygate-prices.yaml";
  for (int i = 2; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else {
      std::cerr << prices_usage;
      return 2;
    }
  }
  std::string text;
  if (!read_file(source, text)) {
    std::cerr << "cannot read " << source << "\n";
    return 1;
  }
  price_import imported;
  try {
    imported = import_litellm_prices(text, price_table::builtin(), today_utc(), source);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  for (const auto& change : imported.changes) std::cout << change << "\n";
  std::cout << imported.changes.size() << " new or changed, " << imported.unchanged
            << " unchanged, " << imported.skipped << " skipped\n";
  if (imported.changes.empty()) {
    std::cout << "nothing to override; " << out_path << " not written\n";
    return 0;
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << imported.yaml;
  if (!out.flush()) {
    std::cerr << "cannot write " << out_path << "\n";
    return 1;
  }
  std::cout << "wrote " << out_path << "; load it with `prices: " << out_path
            << "` in the config\n";
  return 0;
}

bool load_price_overrides(const config& cfg) {
  if (cfg.prices_file.empty()) return true;
  std::string text;
  if (!read_file(cfg.prices_file, text)) {
    std::cerr << "prices: cannot read " << cfg.prices_file << "\n";
    return false;
  }
  try {
    price_table::set_overrides(
        std::make_shared<const price_table>(price_table::parse(text, cfg.prices_file)));
  } catch (const config_error& e) {
    for (const auto& problem : e.problems()) std::cerr << problem << "\n";
    return false;
  }
  return true;
}

price_overrides_reload::price_overrides_reload(const config& started_with)
    : loaded_path_(started_with.prices_file) {
  if (!loaded_path_.empty()) read_file(loaded_path_, loaded_text_);
}

void price_overrides_reload::check(const config& next) {
  checked_.reset();
  checked_path_ = next.prices_file;
  checked_text_.clear();
  if (!checked_path_.empty() && !read_file(checked_path_, checked_text_))
    throw config_error({"prices: cannot read " + checked_path_});
  if (checked_path_ == loaded_path_ && checked_text_ == loaded_text_) return;
  checked_ =
      checked_path_.empty()
          ? nullptr
          : std::make_shared<const price_table>(price_table::parse(checked_text_, checked_path_));
}

void price_overrides_reload::apply() {
  if (!checked_) return;
  price_table::set_overrides(std::move(*checked_));
  checked_.reset();
  loaded_path_ = std::move(checked_path_);
  loaded_text_ = std::move(checked_text_);
}

}  // namespace keygate
