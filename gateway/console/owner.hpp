// Whose data a console request reads and writes: every row of the console database belongs to an
// owner, and every query is scoped by it.
#pragma once

#include <string>

#include "gateway/access/authenticate.hpp"

namespace keygate::console {

struct owner {
  std::string id;          // "key:<virtual key id>", "master", or "local" (no keys configured)
  std::string ledger_key;  // the ledger's key_id for this caller's requests ("" but for keys)
  std::string visible_id;  // the id the console shows: the key's id, "master" or "local"
};

owner owner_of(const caller& who);

}  // namespace keygate::console
