#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "console_test_support.hpp"
#include "gateway/console/api_error.hpp"
#include "gateway/console/conversations.hpp"
#include "gateway/console/export.hpp"
#include "gateway/console/import_plan.hpp"

namespace keygate::console::import_test {
namespace {

using test::alice;

// A ChatGPT export: a hidden root, a system message, a question edited once (two user
// branches), an assistant answer with an image part, a tool node in between, current_node on the
// second branch's answer.
constexpr std::string_view chatgpt_export = R"([
  {"title": "Penguins", "create_time": 1700000000.5, "update_time": 1700000100,
   "current_node": "a2",
   "mapping": {
     "root": {"id": "root", "parent": null, "children": ["sys"], "message": null},
     "sys": {"id": "sys", "parent": "root", "children": ["u1", "u2"],
             "message": {"author": {"role": "system"}, "content": {"parts": ["be nice"]},
                         "create_time": null}},
     "u1": {"id": "u1", "parent": "sys", "children": ["a1"],
            "message": {"author": {"role": "user"}, "create_time": 1700000001,
                        "content": {"content_type": "text", "parts": ["How do penguins keep warm?"]}}},
     "a1": {"id": "a1", "parent": "u1", "children": [],
            "message": {"author": {"role": "assistant"}, "create_time": 1700000002,
                        "metadata": {"model_slug": "gpt-4o"},
                        "content": {"content_type": "multimodal_text",
                                    "parts": ["Feathers.", {"asset_pointer": "file-x"}, "And fat."]}}},
     "u2": {"id": "u2", "parent": "sys", "children": ["t"],
            "message": {"author": {"role": "user"}, "create_time": 1700000003,
                        "content": {"parts": ["How do emperor penguins keep warm?"]}}},
     "t": {"id": "t", "parent": "u2", "children": ["a2"],
           "message": {"author": {"role": "tool"}, "content": {"parts": ["search results"]}}},
     "a2": {"id": "a2", "parent": "t", "children": [],
            "message": {"author": {"role": "assistant"}, "create_time": 1700000004,
                        "content": {"parts": ["They huddle."]}}}
   }},
  {"title": null, "mapping": {
     "only": {"id": "only", "parent": null,
              "message": {"author": {"role": "user"}, "content": {"parts": ["Just one"]}}}}}
])";

std::string import_error(std::string_view body) {
  try {
    plan_import(body, 5000);
  } catch (const api_failure& failure) {
    EXPECT_EQ(failure.error().status, 400);
    return failure.error().message;
  }
  return "imported";
}

TEST(ConsoleImport, AChatGptExportKeepsUserAndAssistantTextAndItsBranches) {
  test::console_db db;
  const auto plan = plan_import(chatgpt_export, 5000);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(write_import(db.get(), alice.id, plan, 6000), 2);

  const auto list = list_conversations(db.get(), alice.id, {}).at("conversations").as_array();
  ASSERT_EQ(list.size(), 2u);
  std::string penguins;
  for (const auto& c : list)
    if (c.at("title") == "Penguins") penguins = std::string(c.at("id").as_string());
  ASSERT_FALSE(penguins.empty());
  const auto whole = read_conversation(db.get(), nullptr, alice, penguins, 7000);
  EXPECT_EQ(whole.at("created_at"), 1700000000500);
  const auto& messages = whole.at("messages").as_array();
  ASSERT_EQ(messages.size(), 4u);  // u1, a1, u2, a2: no root, system or tool node
  EXPECT_EQ(messages[0].at("content"), "How do penguins keep warm?");
  EXPECT_TRUE(messages[0].at("parent_id").is_null());
  EXPECT_EQ(messages[1].at("content"), "Feathers.\nAnd fat.");
  EXPECT_EQ(messages[1].at("model"), "gpt-4o");
  EXPECT_EQ(messages[1].at("parent_id"), messages[0].at("id"));
  EXPECT_TRUE(messages[2].at("parent_id").is_null());            // a sibling of the first question
  EXPECT_EQ(messages[3].at("parent_id"), messages[2].at("id"));  // the tool node spliced out
  EXPECT_EQ(messages[3].at("created_at"), 1700000004000);
  EXPECT_EQ(whole.at("active_leaf"), messages[3].at("id"));
  EXPECT_EQ(export_markdown(whole),
            "# Penguins\n\n## You\n\nHow do emperor penguins keep warm?\n\n## Assistant\n\n"
            "They huddle.\n\n");
}

TEST(ConsoleImport, AMalformedFileSaysWhereAndImportsNothing) {
  EXPECT_EQ(import_error(R"([{"title": "x", "mapping": 3}])"),
            "Nothing imported: conversation 1.mapping must be an object.");
  EXPECT_EQ(import_error("[1]"), "Nothing imported: conversation 1 is not an object.");
  EXPECT_EQ(import_error(R"({"title": "x"})"),
            "Nothing imported: conversation 1.mapping is missing.");
  EXPECT_EQ(import_error("\"text\""),
            "Nothing imported: the file must hold a JSON array of conversations or one "
            "conversation.");
  EXPECT_NE(import_error("[{\"mapping\": {}").find("not valid JSON"), std::string::npos);
  EXPECT_EQ(import_error(R"([{"mapping": {}}, {"mapping": {"n": {"parent": 7}}}])"),
            "Nothing imported: conversation 2.mapping.n.parent must be a string or null.");
  EXPECT_EQ(import_error(R"([{"mapping": {"n": {"parent": "ghost"}}}])"),
            "Nothing imported: conversation 1.mapping.n.parent names no node of the mapping.");
  EXPECT_EQ(import_error(R"([{"mapping": {"n": {"message": {"content": {"parts": []}}}}}])"),
            "Nothing imported: conversation 1.mapping.n.message.author is missing.");
  EXPECT_EQ(
      import_error(
          R"([{"mapping": {"n": {"message": {"author": {"role": "user"}, "content": {"parts": "hi"}}}}}])"),
      "Nothing imported: conversation 1.mapping.n.message.content.parts must be an array.");
  EXPECT_EQ(import_error(R"([{"mapping": {"a": {"parent": "b"}, "b": {"parent": "a"}}}])"),
            "Nothing imported: conversation 1.mapping has nodes that are their own ancestors.");
  EXPECT_EQ(import_error(R"([{"mapping": {}, "create_time": "yesterday"}])"),
            "Nothing imported: conversation 1.create_time must be a number of seconds.");
}

TEST(ConsoleImport, AFileWhoseLastConversationIsBadLeavesTheStoreUntouched) {
  test::console_db db;
  std::string body(chatgpt_export);
  body.insert(body.rfind(']'), R"(, {"mapping": {"x": {"message": {"author": 5}}}})");
  EXPECT_NE(import_error(body).find("conversation 3.mapping.x.message.author must be an object"),
            std::string::npos);
  EXPECT_EQ(keygate::test::query_text(db.path(), "SELECT COUNT(*) FROM conversations"), "0");
}

TEST(ConsoleImport, AWriteThatFailsHalfwayRollsBackEverything) {
  test::console_db db;
  auto plan = plan_import(chatgpt_export, 5000);
  plan[1].messages[0].parent = 7;  // no such message: the writer throws on the second conversation
  EXPECT_ANY_THROW(write_import(db.get(), alice.id, plan, 6000));
  EXPECT_EQ(keygate::test::query_text(db.path(), "SELECT COUNT(*) FROM conversations"), "0");
  EXPECT_EQ(keygate::test::query_text(db.path(), "SELECT COUNT(*) FROM messages"), "0");
  EXPECT_EQ(write_import(db.get(), alice.id, plan_import(chatgpt_export, 5000), 6000), 2);
}

TEST(ConsoleImport, AKeygateExportComesBackUnderNewIds) {
  test::console_db db;
  plan_import(chatgpt_export, 5000);
  write_import(db.get(), alice.id, plan_import(chatgpt_export, 5000), 6000);
  const auto list = list_conversations(db.get(), alice.id, {}).at("conversations").as_array();
  const auto original =
      read_conversation(db.get(), nullptr, alice, std::string(list[0].at("id").as_string()), 7000);
  const auto again = plan_import(export_json(original), 8000);
  ASSERT_EQ(again.size(), 1u);
  write_import(db.get(), alice.id, again, 8000);
  const auto after = list_conversations(db.get(), alice.id, {}).at("conversations").as_array();
  ASSERT_EQ(after.size(), 3u);
  std::string copy_id;  // the one conversation that was not there before
  for (const auto& c : after)
    if (std::none_of(list.begin(), list.end(),
                     [&](const boost::json::value& o) { return o.at("id") == c.at("id"); }))
      copy_id = std::string(c.at("id").as_string());
  const auto copy = read_conversation(db.get(), nullptr, alice, copy_id, 9000);
  EXPECT_NE(copy.at("id"), original.at("id"));
  EXPECT_EQ(export_markdown(copy), export_markdown(original));
  EXPECT_EQ(copy.at("messages").as_array().size(), original.at("messages").as_array().size());

  EXPECT_NE(import_error(R"({"messages": [{"id": "a", "parent_id": "zz", "role": "user",
                                          "content": "x"}]})")
                .find("conversation 1.messages[0].parent_id names no earlier message"),
            std::string::npos);
  EXPECT_NE(import_error(R"({"messages": [{"role": "robot", "content": "x"}]})")
                .find("conversation 1.messages[0] role must be user or assistant"),
            std::string::npos);
}

TEST(ConsoleImport, LargerThan50MBIsRefused) {
  std::string body(max_import_bytes + 1, ' ');
  try {
    plan_import(body, 1);
    FAIL();
  } catch (const api_failure& failure) {
    EXPECT_EQ(failure.error().status, 413);
  }
}

}  // namespace
}  // namespace keygate::console::import_test
