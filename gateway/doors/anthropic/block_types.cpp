#include "gateway/doors/anthropic/block_types.hpp"

#include <array>

namespace keygate::doors::anthropic {

bool known_block_type(std::string_view type) {
  static constexpr std::array<std::string_view, 19> types = {
      "text",
      "image",
      "document",
      "search_result",
      "tool_use",
      "tool_result",
      "thinking",
      "redacted_thinking",
      "server_tool_use",
      "web_search_tool_result",
      "web_fetch_tool_result",
      "code_execution_tool_result",
      "bash_code_execution_tool_result",
      "text_editor_code_execution_tool_result",
      "tool_search_tool_result",
      "tool_reference",
      "mcp_tool_use",
      "mcp_tool_result",
      "container_upload",
  };
  for (const auto known : types)
    if (type == known) return true;
  return false;
}

}  // namespace keygate::doors::anthropic
