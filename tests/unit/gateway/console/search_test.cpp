#include "gateway/console/search.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "console_test_support.hpp"
#include "gateway/console/conversations.hpp"
#include "gateway/console/messages.hpp"

namespace keygate::console::search_test {
namespace {

using test::alice;

TEST(ConsoleSearch, WordsBecomeQuotedPrefixTermsAllRequired) {
  EXPECT_EQ(fts_query_of("  red   fox "), R"("red"* "fox"*)");
  EXPECT_EQ(fts_query_of(R"q(say "hi" OR NEAR(x))q"), R"q("say"* """hi"""* "OR"* "NEAR(x)"*)q");
  EXPECT_EQ(fts_query_of(" \t"), "");
}

class ConsoleSearchStore : public ::testing::Test {
 protected:
  ConsoleSearchStore() {
    auto c = create_conversation(db_.get(), alice,
                                 boost::json::parse(R"({"title": "Zoo"})").as_object(), 1);
    conversation_ = std::string(c.at("id").as_string());
    add("The quokka is a small marsupial from Western Australia.", 10);
    add("Quokkas smile; a wombat does not.", 20);
    add("Nothing about animals <b>here</b> [really].", 30);
  }
  void add(const std::string& text, std::int64_t at) {
    boost::json::object m{{"role", "user"}, {"content", text}};
    add_message(db_.get(), alice, conversation_, m, at);
  }
  boost::json::array search(std::string_view words) {
    return search_messages(db_.get(), alice.id, words, 20).at("results").as_array();
  }
  test::console_db db_;
  std::string conversation_;
};

TEST_F(ConsoleSearchStore, FindsEveryWordNewestFirstWithHitsInBrackets) {
  auto hits = search("quokka");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].at("snippet"), "[Quokkas] smile; a wombat does not.");
  EXPECT_EQ(hits[1].at("snippet"), "The [quokka] is a small marsupial from Western Australia.");
  EXPECT_EQ(hits[0].at("title"), "Zoo");
  EXPECT_EQ(hits[0].at("conversation_id").as_string(), conversation_);
  EXPECT_EQ(hits[0].at("created_at"), 20);

  hits = search("QUOKKA wombat");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].at("snippet"), "[Quokkas] smile; a [wombat] does not.");
  EXPECT_TRUE(search("giraffe").empty());
  EXPECT_TRUE(search("").empty());
}

TEST_F(ConsoleSearchStore, SnippetsAreTextNeverMarkup) {
  const auto hits = search("animals");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].at("snippet"), "Nothing about [animals] <b>here</b> [really].");
}

TEST_F(ConsoleSearchStore, QuerySyntaxInTheWordsIsTakenLiterally) {
  EXPECT_NO_THROW(search(R"(quokka" OR "wombat)"));
  EXPECT_NO_THROW(search("NEAR( * ^ :"));
  EXPECT_TRUE(search("quokka OR").empty());  // "OR" is a word here, and no message has it
}

TEST_F(ConsoleSearchStore, AnEditedMessageIsFoundByItsNewWordsOnly) {
  auto id = std::string(search("wombat")[0].at("message_id").as_string());
  boost::json::object patch{{"content", "Now about a platypus."}};
  patch_message(db_.get(), nullptr, alice, conversation_, id, patch, 40);
  EXPECT_TRUE(search("wombat").empty());
  EXPECT_EQ(search("platypus").size(), 1u);
}

}  // namespace
}  // namespace keygate::console::search_test
