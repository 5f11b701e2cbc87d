#include "gateway/console/owner.hpp"

namespace keygate::console {

owner owner_of(const caller& who) {
  if (who.key) return {"key:" + who.key->id, who.key->id, who.key->id};
  if (who.master) return {"master", "", "master"};
  return {"local", "", "local"};
}

}  // namespace keygate::console
