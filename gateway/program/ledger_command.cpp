#include "gateway/program/ledger_command.hpp"

#include <iostream>
#include <string>
#include <string_view>

#include "gateway/accounting/ledger_import.hpp"
#include "gateway/config/config.hpp"
#include "gateway/storage/pg_connection.hpp"

namespace keygate {

namespace {

constexpr std::string_view usage =
    "usage: keygate ledger import --config FILE SQLITE_LEDGER\n"
    "  Copies every row of a SQLite ledger (keygate-ledger.db) into the PostgreSQL ledger that\n"
    "  FILE's ledger.postgres names. Rows already there are skipped: it can run again.\n";

}  // namespace

int run_ledger_command(int argc, char** argv) {
  std::string config_path, source;
  const std::string_view action = argc > 0 ? argv[0] : "";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--config" && i + 1 < argc)
      config_path = argv[++i];
    else if (!arg.starts_with("-") && source.empty())
      source = arg;
    else {
      std::cerr << usage;
      return 2;
    }
  }
  if (action != "import" || config_path.empty() || source.empty()) {
    std::cerr << usage;
    return 2;
  }
  config cfg;
  try {
    cfg = load_config_file(config_path);
  } catch (const config_error& e) {
    for (const auto& problem : e.problems()) std::cerr << problem << "\n";
    return 2;
  }
  if (!cfg.ledger.postgres.enabled()) {
    std::cerr << config_path << ": ledger.postgres is not set: nowhere to import to\n";
    return 2;
  }
  try {
    pg_connection db(cfg.ledger.postgres);
    const auto result = import_sqlite_ledger(source, db, [](std::int64_t read) {
      if (read % 100'000 == 0) std::cerr << read << " rows read\n";
    });
    std::cout << "imported " << result.inserted << " of " << result.read << " rows from " << source
              << " into " << describe_postgres(cfg.ledger.postgres) << " ("
              << result.read - result.inserted << " were there already)\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "ledger import failed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace keygate
