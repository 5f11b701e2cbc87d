#include "gateway/console/conversations.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "console_test_support.hpp"
#include "gateway/console/api_error.hpp"
#include "gateway/console/export.hpp"
#include "gateway/console/messages.hpp"
#include "gateway/console/preferences.hpp"
#include "gateway/console/search.hpp"

namespace keygate::console::conversations_test {
namespace {

using test::alice;
using test::bob;

boost::json::object json(std::string_view text) {
  return boost::json::parse(text).as_object();
}

std::string id_of(const boost::json::object& o) {
  return std::string(o.at("id").as_string());
}

// The status and code of the api_failure `f` throws.
template <class F>
std::pair<int, std::string> failure_of(F&& f) {
  try {
    f();
  } catch (const api_failure& failure) {
    return {failure.error().status, failure.error().code};
  }
  return {0, "no failure"};
}

TEST(ConsoleSchema, ANewFileHasEveryTableAndTheLatestVersion) {
  test::console_db db;
  EXPECT_EQ(keygate::test::query_text(db.path(), "PRAGMA user_version"),
            std::to_string(console_schema_version()));
  EXPECT_EQ(keygate::test::query_text(
                db.path(),
                "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = "
                "'table' AND name IN ('sessions', 'conversations', 'messages', 'messages_text', "
                "'preferences') ORDER BY name)"),
            "conversations,messages,messages_text,preferences,sessions");
  // Opening it again applies nothing twice.
  auto again = open_sqlite(db.path(), SQLITE_OPEN_READWRITE);
  EXPECT_NO_THROW(prepare_console_db(again.get(), std::chrono::milliseconds(1000)));
}

TEST(ConsoleSchema, RefusesAFileFromANewerBuild) {
  test::console_db db;
  exec_sqlite(db.get(), "PRAGMA user_version = 99");
  auto again = open_sqlite(db.path(), SQLITE_OPEN_READWRITE);
  try {
    prepare_console_db(again.get(), std::chrono::milliseconds(1000));
    FAIL() << "opened a schema from the future";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos) << e.what();
  }
}

TEST(ConsoleConversations, CreatedPatchedListedNewestFirstInPages) {
  test::console_db db;
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(id_of(create_conversation(
        db.get(), alice, json(R"({"title": "chat )" + std::to_string(i) + R"("})"), 1000 + i)));
  const auto patched = patch_conversation(
      db.get(), alice, ids[1],
      json(R"({"title": "renamed", "model": "gpt", "settings": {"temperature": 0.2}})"), 2000);
  EXPECT_EQ(patched.at("title"), "renamed");
  EXPECT_EQ(patched.at("updated_at"), 2000);

  page_request page;
  page.limit = 2;
  auto first = list_conversations(db.get(), alice.id, page);
  ASSERT_EQ(first.at("conversations").as_array().size(), 2u);
  EXPECT_EQ(id_of(first.at("conversations").as_array()[0].as_object()), ids[1]);
  EXPECT_EQ(id_of(first.at("conversations").as_array()[1].as_object()), ids[4]);
  page.before = std::string(first.at("next").as_string());
  auto second = list_conversations(db.get(), alice.id, page);
  EXPECT_EQ(id_of(second.at("conversations").as_array()[0].as_object()), ids[3]);
  page.before = std::string(second.at("next").as_string());
  auto last = list_conversations(db.get(), alice.id, page);
  ASSERT_EQ(last.at("conversations").as_array().size(), 1u);
  EXPECT_EQ(id_of(last.at("conversations").as_array()[0].as_object()), ids[0]);
  EXPECT_TRUE(last.at("next").is_null());

  const auto whole = read_conversation(db.get(), nullptr, alice, ids[1], 3000);
  EXPECT_EQ(whole.at("settings").at("temperature"), 0.2);
  page.before = "garbage";
  EXPECT_EQ(failure_of([&] { list_conversations(db.get(), alice.id, page); }).first, 400);
  EXPECT_EQ(failure_of([&] {
              patch_conversation(db.get(), alice, ids[0],
                                 json(R"({"settings": {"max_tokens": "x"}})"), 1);
            }).first,
            400);
}

TEST(ConsoleConversations, BranchesKeepEveryMessageAndTheActiveLeafMustBelong) {
  test::console_db db;
  const auto c = id_of(create_conversation(db.get(), alice, json("{}"), 1));
  const auto root =
      id_of(add_message(db.get(), alice, c, json(R"({"role": "user", "content": "q"})"), 2));
  const auto first = id_of(add_message(
      db.get(), alice, c,
      json(R"({"role": "assistant", "content": "a1", "parent_id": ")" + root + R"("})"), 3));
  const auto second = id_of(add_message(
      db.get(), alice, c,
      json(R"({"role": "assistant", "content": "a2", "parent_id": ")" + root + R"("})"), 4));
  patch_conversation(db.get(), alice, c, json(R"({"active_leaf": ")" + first + R"("})"), 5);
  const auto whole = read_conversation(db.get(), nullptr, alice, c, 6);
  EXPECT_EQ(whole.at("messages").as_array().size(), 3u);
  EXPECT_EQ(whole.at("active_leaf").as_string(), first);
  EXPECT_EQ(whole.at("messages").as_array()[2].at("id").as_string(), second);

  const auto other = id_of(create_conversation(db.get(), alice, json("{}"), 7));
  const auto elsewhere =
      id_of(add_message(db.get(), alice, other, json(R"({"role": "user", "content": "x"})"), 8));
  EXPECT_EQ(failure_of([&] {
              patch_conversation(db.get(), alice, c,
                                 json(R"({"active_leaf": ")" + elsewhere + R"("})"), 9);
            }),
            std::make_pair(400, std::string("invalid_request")));
  EXPECT_EQ(failure_of([&] {
              add_message(
                  db.get(), alice, c,
                  json(R"({"role": "user", "content": "x", "parent_id": ")" + elsewhere + R"("})"),
                  9);
            }).first,
            400);
  EXPECT_EQ(failure_of([&] {
              add_message(db.get(), alice, c, json(R"({"role": "system", "content": "x"})"), 9);
            }).first,
            400);
}

TEST(ConsoleConversations, AStreamLeftBehindShowsAsIncomplete) {
  test::console_db db;
  const auto c = id_of(create_conversation(db.get(), alice, json("{}"), 1));
  const auto m = id_of(add_message(db.get(), alice, c,
                                   json(R"({"role": "assistant", "status": "streaming"})"), 1000));
  auto shown = read_conversation(db.get(), nullptr, alice, c, 1000 + abandoned_stream_ms - 1);
  EXPECT_EQ(shown.at("messages").as_array()[0].at("status"), "streaming");
  shown = read_conversation(db.get(), nullptr, alice, c, 1000 + abandoned_stream_ms + 1);
  EXPECT_EQ(shown.at("messages").as_array()[0].at("status"), "incomplete");
  EXPECT_EQ(read_message(db.get(), alice.id, c, m).at("status"), "incomplete");
}

TEST(ConsoleConversations, OneOwnerNeverSeesOrChangesAnothersEvenByGuessingIds) {
  test::console_db db;
  const auto c = id_of(create_conversation(db.get(), alice, json(R"({"title": "secret"})"), 1));
  const auto m = id_of(add_message(db.get(), alice, c,
                                   json(R"({"role": "user", "content": "the quokka plan"})"), 2));
  write_preferences(db.get(), alice.id, R"({"default_model": "gpt"})");

  EXPECT_TRUE(list_conversations(db.get(), bob.id, {}).at("conversations").as_array().empty());
  EXPECT_EQ(failure_of([&] { read_conversation(db.get(), nullptr, bob, c, 3); }).first, 404);
  EXPECT_EQ(
      failure_of([&] { patch_conversation(db.get(), bob, c, json(R"({"title": "x"})"), 3); }).first,
      404);
  EXPECT_EQ(failure_of([&] { delete_conversation(db.get(), bob, c); }).first, 404);
  EXPECT_EQ(failure_of([&] {
              add_message(db.get(), bob, c, json(R"({"role": "user", "content": "x"})"), 3);
            }).first,
            404);
  EXPECT_EQ(failure_of([&] {
              patch_message(db.get(), nullptr, bob, c, m, json(R"({"content": "x"})"), 3);
            }).first,
            404);
  EXPECT_TRUE(search_messages(db.get(), bob.id, "quokka", 20).at("results").as_array().empty());
  EXPECT_EQ(read_preferences(db.get(), bob.id), "{}");

  // Alice's data is as she left it.
  const auto whole = read_conversation(db.get(), nullptr, alice, c, 4);
  EXPECT_EQ(whole.at("title"), "secret");
  EXPECT_EQ(whole.at("messages").as_array()[0].at("content"), "the quokka plan");
  EXPECT_EQ(search_messages(db.get(), alice.id, "quokka", 20).at("results").as_array().size(), 1u);
  EXPECT_EQ(read_preferences(db.get(), alice.id), R"({"default_model":"gpt"})");
}

TEST(ConsoleConversations, DeletingTakesTheMessagesAndTheirSearchEntries) {
  test::console_db db;
  const auto c = id_of(create_conversation(db.get(), alice, json("{}"), 1));
  add_message(db.get(), alice, c, json(R"({"role": "user", "content": "wombat"})"), 2);
  delete_conversation(db.get(), alice, c);
  EXPECT_EQ(keygate::test::query_text(db.path(), "SELECT COUNT(*) FROM messages"), "0");
  EXPECT_TRUE(search_messages(db.get(), alice.id, "wombat", 20).at("results").as_array().empty());
}

TEST(ConsolePreferences, AnyObjectUpTo64KB) {
  test::console_db db;
  EXPECT_EQ(write_preferences(db.get(), alice.id, R"({"presets": [{"id": "p"}]})"),
            R"({"presets":[{"id":"p"}]})");
  EXPECT_EQ(failure_of([&] { write_preferences(db.get(), alice.id, "[1]"); }).first, 400);
  EXPECT_EQ(failure_of([&] { write_preferences(db.get(), alice.id, "{"); }).first, 400);
  const std::string big = R"({"x": ")" + std::string(64 * 1024, 'a') + R"("})";
  EXPECT_EQ(failure_of([&] { write_preferences(db.get(), alice.id, big); }).first, 413);
  EXPECT_EQ(read_preferences(db.get(), alice.id), R"({"presets":[{"id":"p"}]})");
}

}  // namespace
}  // namespace keygate::console::conversations_test
