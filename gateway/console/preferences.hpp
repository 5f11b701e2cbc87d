// A key's console preferences (system-prompt presets, the title model, the default model): any
// JSON object up to 64 KB, kept per owner as the console sent it.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace keygate::console {

inline constexpr std::size_t max_preferences_bytes = 64 * 1024;

// The stored object as JSON text; "{}" when there is none.
std::string read_preferences(sqlite3* db, const std::string& owner);
// Checks the body (a JSON object, at most 64 KB; api_failure otherwise), stores it, returns it.
std::string write_preferences(sqlite3* db, const std::string& owner, std::string_view body);

}  // namespace keygate::console
