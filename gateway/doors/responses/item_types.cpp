#include "gateway/doors/responses/item_types.hpp"

#include <array>

namespace keygate::doors::responses {

bool openai_only_item_type(std::string_view type) {
  static constexpr std::array<std::string_view, 21> types = {
      "item_reference",
      "file_search_call",
      "computer_call",
      "computer_call_output",
      "web_search_call",
      "image_generation_call",
      "code_interpreter_call",
      "local_shell_call",
      "local_shell_call_output",
      "shell_call",
      "shell_call_output",
      "apply_patch_call",
      "apply_patch_call_output",
      "mcp_list_tools",
      "mcp_approval_request",
      "mcp_approval_response",
      "mcp_call",
      "custom_tool_call",
      "custom_tool_call_output",
      "compaction",
      "tool_search_call",
  };
  for (const auto known : types)
    if (type == known) return true;
  return false;
}

bool openai_only_tool_type(std::string_view type) {
  static constexpr std::array<std::string_view, 12> types = {
      "file_search",      "computer_use_preview", "computer_use", "mcp",
      "code_interpreter", "image_generation",     "local_shell",  "shell",
      "custom",           "apply_patch",          "namespace",    "tool_search",
  };
  // web_search, web_search_preview and their dated versions (web_search_preview_2025_03_11).
  if (type.starts_with("web_search")) return true;
  for (const auto known : types)
    if (type == known) return true;
  return false;
}

}  // namespace keygate::doors::responses
