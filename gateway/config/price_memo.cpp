#include "gateway/config/price_memo.hpp"

namespace keygate {

price_memo& price_memo::operator=(const price_memo& other) noexcept {
  if (this != &other) clear();
  return *this;
}

price_memo::~price_memo() {
  clear();
}

void price_memo::clear() noexcept {
  const entry* e = latest_.exchange(nullptr, std::memory_order_acquire);
  while (e) {
    const entry* older = e->older;
    delete e;
    e = older;
  }
}

std::optional<const token_prices*> price_memo::find(const void* table) const {
  const entry* e = latest_.load(std::memory_order_acquire);
  if (e && e->table == table) return e->price;
  return std::nullopt;
}

void price_memo::keep(const void* table, const token_prices* price) const {
  auto* fresh = new entry{table, price, latest_.load(std::memory_order_relaxed)};
  while (!latest_.compare_exchange_weak(fresh->older, fresh, std::memory_order_release,
                                        std::memory_order_relaxed)) {
  }
}

}  // namespace keygate
