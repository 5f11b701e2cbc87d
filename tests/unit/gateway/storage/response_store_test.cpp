// Stored Responses answers: kept per key, found only by that key, deleted, and gone once expired.
#include "gateway/storage/response_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace keygate::response_store_test {
namespace {

class ResponseStore : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("responses-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    std::filesystem::remove(path_);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  static stored_response row(std::string id, std::string key) {
    return {std::move(id), std::move(key), 1000, R"({"id":"r"})", "[1]", "[2]"};
  }
  std::string path_;
};

TEST_F(ResponseStore, FindsWhatItsKeySaved) {
  response_store store(path_, std::chrono::hours(1));
  store.save(row("resp_a", "alice"));
  store.save(row("resp_open", ""));  // keys off: the empty key id is a key id too
  auto found = store.find("resp_a", "alice");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->response, R"({"id":"r"})");
  EXPECT_EQ(found->input_items, "[1]");
  EXPECT_EQ(found->conversation, "[2]");
  EXPECT_EQ(found->created_ms, 1000);
  EXPECT_TRUE(store.find("resp_open", ""));
  EXPECT_FALSE(store.find("resp_a", "bob"));
  EXPECT_FALSE(store.find("resp_a", ""));
  EXPECT_FALSE(store.find("resp_missing", "alice"));
}

TEST_F(ResponseStore, RemovesOnlyWithItsKey) {
  response_store store(path_, std::chrono::hours(1));
  store.save(row("resp_a", "alice"));
  EXPECT_FALSE(store.remove("resp_a", "bob"));
  EXPECT_TRUE(store.find("resp_a", "alice"));
  EXPECT_TRUE(store.remove("resp_a", "alice"));
  EXPECT_FALSE(store.find("resp_a", "alice"));
  EXPECT_FALSE(store.remove("resp_a", "alice"));
}

TEST_F(ResponseStore, ExpiredResponsesAreNotFound) {
  response_store store(path_, std::chrono::hours(-1));
  store.save(row("resp_old", "alice"));
  EXPECT_FALSE(store.find("resp_old", "alice"));
}

TEST_F(ResponseStore, SurvivesAReopen) {
  { response_store(path_, std::chrono::hours(1)).save(row("resp_a", "alice")); }
  response_store again(path_, std::chrono::hours(1));
  EXPECT_TRUE(again.find("resp_a", "alice"));
}

}  // namespace
}  // namespace keygate::response_store_test
