// `keygate import-litellm IN [OUT]`: a LiteLLM proxy config converted to keygate's YAML.
#pragma once

namespace keygate::cli {

// argv[0] is the first word after "import-litellm". Returns the exit code: 0 converted (what has
// no equivalent is listed on stderr), 1 the file cannot be read or written, 2 bad usage or a file
// keygate cannot serve from.
int run_import_litellm(int argc, char** argv);

}  // namespace keygate::cli
