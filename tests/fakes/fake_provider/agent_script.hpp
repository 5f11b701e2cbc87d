// The model's side of an agent's tool-using turn, scripted from the conversation itself, so real
// agent clients (Claude Code, Codex) finish tasks against the fake
// (docs/fake-provider.md#agent-turns):
// - a last user turn that says "read the file <path>" gets a call of the client's file-reading tool
//   (Read, read_file, ...) with that path;
// - one that says "run the command `<command>`" gets a call of its shell tool (Bash, shell,
//   shell_command, exec_command, ...) with that command;
// - when the last turn is a tool's result and an earlier user turn asked for one of these, the
//   answer is the final text "Done. The tool said: <the result>".
// Anything else gets the fake's usual answer.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fake {

// A conversation's end as the script reads it, whatever API it came in.
struct conversation_view {
  std::vector<std::string> user_texts;  // the text of each user turn, in order
  bool ends_with_tool_result = false;
  std::string tool_result;  // the last tool result's text
  // Each declared tool: its name and its parameters' JSON schema (null when it has none).
  std::vector<std::pair<std::string, const boost::json::object*>> tools;
};

conversation_view openai_conversation(const boost::json::object& request);
conversation_view anthropic_conversation(const boost::json::object& request);
conversation_view gemini_conversation(const boost::json::object& request);
conversation_view responses_conversation(const boost::json::object& request);

struct scripted_call {
  std::string tool;
  std::string arguments;  // a JSON object's text
};
struct script_step {
  std::optional<scripted_call> call;
  std::optional<std::string> text;
};

// What the scripted model does next; neither set: nothing is scripted for this conversation.
script_step agent_step(const conversation_view& view);

}  // namespace fake
