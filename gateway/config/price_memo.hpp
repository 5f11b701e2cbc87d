// The price a deployment was last found to have, kept for price_for
// (gateway/accounting/deployment_price.hpp) so that a request does not search the price tables
// again. The answer depends only on the deployment, which does not change once loaded, and on the
// override table in force, so each answer is kept with the table it was found in: a new override
// table (a reload that changed the prices file) misses and is searched once.
#pragma once

#include <atomic>
#include <optional>

#include "gateway/config/token_prices.hpp"

namespace keygate {

class price_memo {
 public:
  price_memo() = default;
  // A copy starts empty: what it finds is the copy's own business.
  price_memo(const price_memo&) noexcept {}
  price_memo& operator=(const price_memo& other) noexcept;
  ~price_memo();

  // The price kept for `table` (nullptr: none known), or nothing when none was kept for it.
  std::optional<const token_prices*> find(const void* table) const;
  // Safe to call from any thread at once with find and keep.
  void keep(const void* table, const token_prices* price) const;

 private:
  // Immutable once published. Older entries stay until the memo goes: a reader may still hold
  // one, and there is one per override table the process has seen (a handful).
  struct entry {
    const void* table;
    const token_prices* price;
    const entry* older;
  };
  void clear() noexcept;

  mutable std::atomic<const entry*> latest_{nullptr};
};

}  // namespace keygate
