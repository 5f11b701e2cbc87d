#include "gateway/canonical/multipart_form.hpp"

#include <gtest/gtest.h>

namespace keygate::multipart_form_test {
namespace {

const std::string body =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"model\"\r\n\r\n"
    "whisper-1\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"a;b.wav\"\r\n"
    "Content-Type: audio/wav\r\n\r\n"
    "RIFF\r\n--Xy not a boundary\r\n"
    "--XyZ--\r\n";

TEST(MultipartBoundary, ReadsTheBoundaryOfFormDataOnly) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=XyZ"), "XyZ");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("application/json"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=XyZ"));
}

TEST(MultipartForm, ReadsEachPartAsAViewIntoTheBody) {
  std::vector<multipart_part> parts;
  ASSERT_EQ(read_multipart(body, "XyZ", parts), std::nullopt);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "model");
  EXPECT_FALSE(parts[0].has_filename);
  EXPECT_EQ(parts[0].value, "whisper-1");
  EXPECT_EQ(body.substr(parts[0].value_offset, parts[0].value.size()), "whisper-1");
  EXPECT_EQ(parts[1].name, "file");
  EXPECT_EQ(parts[1].filename, "a;b.wav");  // a quoted value may hold ';'
  EXPECT_EQ(parts[1].content_type, "audio/wav");
  // A line that only starts like the boundary stays in the part.
  EXPECT_EQ(parts[1].value, "RIFF\r\n--Xy not a boundary");
  EXPECT_GE(parts[1].value.data(), body.data());
  EXPECT_LT(parts[1].value.data(), body.data() + body.size());
}

TEST(MultipartForm, SkipsAPreamble) {
  std::vector<multipart_part> parts;
  const std::string with_preamble = "ignored text\r\n" + body;
  ASSERT_EQ(read_multipart(with_preamble, "XyZ", parts), std::nullopt);
  EXPECT_EQ(parts.size(), 2u);
}

TEST(MultipartForm, RefusesBrokenBodies) {
  std::vector<multipart_part> parts;
  EXPECT_TRUE(read_multipart("no boundary here", "XyZ", parts));
  // Cut inside a part: no closing delimiter.
  EXPECT_TRUE(read_multipart(body.substr(0, body.size() - 30), "XyZ", parts));
  // A part without Content-Disposition.
  EXPECT_TRUE(
      read_multipart("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n", "XyZ", parts));
  // Headers that never end.
  EXPECT_TRUE(read_multipart("--XyZ\r\nContent-Disposition: form-data; name=\"a\"", "XyZ", parts));
}

TEST(MultipartForm, AnEmptyFormHasNoParts) {
  std::vector<multipart_part> parts;
  EXPECT_EQ(read_multipart("--XyZ--\r\n", "XyZ", parts), std::nullopt);
  EXPECT_TRUE(parts.empty());
}

}  // namespace
}  // namespace keygate::multipart_form_test
