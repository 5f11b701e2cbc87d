// The response cache's key (docs/caching.md#the-key): everything that changes an answer, and
// nothing that does not.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace keygate {

// The key of a request to `group` through the door `route`, from the client's body: its JSON with
// object members sorted and OpenAI's `user` left out, so spacing, member order and who asked do
// not matter. `key_id` is set for groups cached per key. Nullopt for a body that is not a JSON
// object.
std::optional<std::string> response_cache_key(std::string_view route, std::string_view group,
                                              std::string_view client_body,
                                              std::string_view key_id = {});

}  // namespace keygate
