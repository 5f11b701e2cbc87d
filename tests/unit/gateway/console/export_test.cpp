#include "gateway/console/export.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace keygate::console::export_test {
namespace {

// A question answered twice (a regenerated answer); the conversation shows the first answer.
boost::json::object conversation(const char* active_leaf) {
  auto c = boost::json::parse(R"({
    "id": "c_1", "title": "Tides: why twice a day?", "system_prompt": "Be brief.",
    "messages": [
      {"id": "u", "parent_id": null, "role": "user", "content": "Why two tides?", "model": null},
      {"id": "a1", "parent_id": "u", "role": "assistant", "content": "The Moon.", "model": "gpt"},
      {"id": "a2", "parent_id": "u", "role": "assistant", "content": "Gravity.", "model": "claude"}
    ]})")
               .as_object();
  c["active_leaf"] = active_leaf ? boost::json::value(active_leaf) : nullptr;
  return c;
}

TEST(ConsoleExport, MarkdownFollowsTheActivePath) {
  EXPECT_EQ(export_markdown(conversation("a1")),
            "# Tides: why twice a day?\n\n## System\n\nBe brief.\n\n## You\n\nWhy two tides?\n\n"
            "## gpt\n\nThe Moon.\n\n");
  // No active leaf: the newest message's path.
  EXPECT_NE(export_markdown(conversation(nullptr)).find("## claude\n\nGravity."),
            std::string::npos);
  EXPECT_EQ(export_markdown(conversation(nullptr)).find("The Moon."), std::string::npos);
}

TEST(ConsoleExport, JsonHoldsEveryBranchAndReadsBack) {
  const auto text = export_json(conversation("a1"));
  const auto back = boost::json::parse(text);
  EXPECT_EQ(back, boost::json::value(conversation("a1")));
  EXPECT_NE(text.find("\n  \"messages\": [\n"), std::string::npos) << text;
}

TEST(ConsoleExport, FileNamesAreSafe) {
  EXPECT_EQ(export_file_name(conversation("a1"), "md"), "Tides-why-twice-a-day.md");
  boost::json::object untitled{{"title", "\"/../<>"}};
  EXPECT_EQ(export_file_name(untitled, "json"), "conversation.json");
}

TEST(ConsoleExport, ALoopOfParentsEnds) {
  auto c = boost::json::parse(R"({"active_leaf": "a", "messages": [
      {"id": "a", "parent_id": "b", "role": "user", "content": "A"},
      {"id": "b", "parent_id": "a", "role": "assistant", "content": "B"}]})")
               .as_object();
  EXPECT_LE(active_path(c).size(), 3u);
}

}  // namespace
}  // namespace keygate::console::export_test
