#include "gateway/translators/ollama/ndjson_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keygate::ollama::ndjson_splitter_test {
namespace {

// The records of `bytes` fed in pieces cut at `cuts`.
std::vector<std::string> records(std::string_view bytes, const std::vector<std::size_t>& cuts,
                                 bool* partial = nullptr) {
  ndjson_splitter splitter;
  std::vector<std::string> out;
  std::size_t at = 0;
  auto feed_to = [&](std::size_t end) {
    splitter.feed(bytes.substr(at, end - at),
                  [&](std::string_view record) { out.emplace_back(record); });
    at = end;
  };
  for (auto cut : cuts) feed_to(cut);
  feed_to(bytes.size());
  if (partial) *partial = splitter.has_partial_record();
  return out;
}

// Every single split and byte-at-a-time feeding give the same records as one whole feed.
void expect_records(std::string_view bytes, const std::vector<std::string>& expected,
                    bool partial_at_end = false) {
  bool partial = false;
  EXPECT_EQ(records(bytes, {}, &partial), expected);
  EXPECT_EQ(partial, partial_at_end);
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut)
    EXPECT_EQ(records(bytes, {cut}), expected) << "split at " << cut;
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < bytes.size(); ++i) every_byte.push_back(i);
  EXPECT_EQ(records(bytes, every_byte), expected) << "one byte at a time";
}

TEST(NdjsonSplitter, OneRecordPerLine) {
  expect_records("{\"a\":1}\n{\"b\":[2,{\"c\":3}]}\n", {"{\"a\":1}", "{\"b\":[2,{\"c\":3}]}"});
}

TEST(NdjsonSplitter, ALastLineWithoutNewlineIsWhole) {
  expect_records("{\"a\":1}\n{\"done\":true}", {"{\"a\":1}", "{\"done\":true}"});
}

TEST(NdjsonSplitter, BlankLinesCarriageReturnsAndSpacesAreSkipped) {
  expect_records("\n\r\n  {\"a\":1}\r\n\r\n\t{\"b\":2}  \n", {"{\"a\":1}", "{\"b\":2}"});
}

TEST(NdjsonSplitter, BracketsQuotesAndEscapesInsideStringsDoNotEndARecord) {
  expect_records(R"({"s":"}{\"]\\"}
{"t":"\\\"}"}
)",
                 {R"({"s":"}{\"]\\"})", R"({"t":"\\\"}"})"});
}

TEST(NdjsonSplitter, ARecordEndsAtItsClosingBraceEvenBeforeTheNewline) {
  expect_records("{\"a\":1}{\"b\":2}\n", {"{\"a\":1}", "{\"b\":2}"});
}

TEST(NdjsonSplitter, TextThatIsNotJsonIsARecordUpToItsNewline) {
  expect_records("<html>\nnot json }\n{\"a\":1}\n", {"<html>", "not json }", "{\"a\":1}"});
}

TEST(NdjsonSplitter, AnUnclosedObjectEndsAtItsNewline) {
  expect_records("{\"a\":\n{\"b\":2}\n", {"{\"a\":", "{\"b\":2}"});
}

TEST(NdjsonSplitter, AnUnfinishedLastRecordStaysPending) {
  expect_records("{\"a\":1}\n{\"model\":\"x\",\"created", {"{\"a\":1}"}, true);
}

}  // namespace
}  // namespace keygate::ollama::ndjson_splitter_test
