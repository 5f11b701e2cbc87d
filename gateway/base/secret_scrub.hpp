// Upstream error messages sometimes quote the key they refused (OpenAI: "Incorrect API key
// provided: sk-abc1****wxyz"). Before such a message reaches a client or a log it is scrubbed.
#pragma once

#include <string>
#include <string_view>

namespace keygate {

// Replaces every occurrence of `secret`, and every word that looks like a masked echo of a key
// (a run of four or more '*' inside it), with "[redacted]".
std::string scrub_secret(std::string_view text, std::string_view secret);

}  // namespace keygate
