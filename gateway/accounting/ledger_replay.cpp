#include "gateway/accounting/ledger_replay.hpp"

#include "gateway/accounting/ledger_journal.hpp"
#include "gateway/accounting/ledger_record_codec.hpp"
#include "gateway/logging/logging.hpp"

namespace keygate {

journal_replay replay_ledger_journals(const std::string& ledger_path, ledger_inserter& inserter) {
  journal_replay replay;
  for (const auto& path : ledger_journal::orphans(ledger_path)) {
    const std::string bytes = ledger_journal::read(path);
    const auto frames = decode_ledger_frames(bytes);
    inserter.begin();
    try {
      for (const auto& record : frames.records) {
        if (inserter.contains(record)) continue;
        inserter.insert(record);
        ++replay.added;
      }
      inserter.commit();
    } catch (...) {
      inserter.rollback();
      throw;
    }
    ledger_journal::remove_orphan(path);
    ++replay.files;
    replay.records += frames.records.size();
    replay.cut_bytes += bytes.size() - frames.bytes_used;
  }
  if (replay.files)
    log_info("ledger journal replayed", {{"files", replay.files},
                                         {"records", replay.records},
                                         {"added", replay.added},
                                         {"cut_bytes", replay.cut_bytes}});
  return replay;
}

}  // namespace keygate
