// Compiled by upward_include_test.sh with one layer's include root: the engine's header compiles
// from the engine's own root and must not from the configuration's, which sits below it.
#include "gateway/engine/routing_table.hpp"

int main() {
  return 0;
}
