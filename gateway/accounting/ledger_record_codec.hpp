// A ledger record as bytes, for the ledger's journal (ledger_journal.hpp): one frame per record,
// self-checking, so that a frame a crash cut short is recognised and the frames before it kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/accounting/ledger_types.hpp"

namespace keygate {

// Appends one frame holding `record` to `out`.
void encode_ledger_frame(const ledger_record& record, std::string& out);

struct decoded_frames {
  std::vector<ledger_record> records;
  std::size_t bytes_used = 0;  // up to the end of the last whole, intact frame
};

// The whole, intact frames at the start of `bytes`, in order; stops at the first frame that is
// cut short or fails its check.
decoded_frames decode_ledger_frames(std::string_view bytes);

}  // namespace keygate
