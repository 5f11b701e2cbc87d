// The media type of a downloaded image: the Content-Type when it names an accepted type, else the
// magic bytes; only png_magic, jpeg, gif and webp.
#include "gateway/images/image_type.hpp"

#include <gtest/gtest.h>

namespace keygate::image_type_test {
namespace {

using namespace std::string_view_literals;

const std::string_view png_magic = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv;
const std::string_view jpeg = "\xff\xd8\xff\xe0\0\x10JFIF"sv;
const std::string_view gif87 = "GIF87a\x01\0\x01\0"sv;
const std::string_view gif89 = "GIF89a\x01\0\x01\0"sv;
const std::string_view webp = "RIFF\x1a\0\0\0WEBPVP8L"sv;

TEST(ImageType, SniffsTheMagicBytes) {
  EXPECT_EQ(sniff_image_type(png_magic), "image/png");
  EXPECT_EQ(sniff_image_type(jpeg), "image/jpeg");
  EXPECT_EQ(sniff_image_type(gif87), "image/gif");
  EXPECT_EQ(sniff_image_type(gif89), "image/gif");
  EXPECT_EQ(sniff_image_type(webp), "image/webp");
}

TEST(ImageType, RefusesWhatIsNoAcceptedImage) {
  EXPECT_FALSE(sniff_image_type(""));
  EXPECT_FALSE(sniff_image_type("<html><body>hi</body></html>"));
  EXPECT_FALSE(sniff_image_type("\x89PNG"));                   // cut short
  EXPECT_FALSE(sniff_image_type("RIFF\x1a\0\0\0WAVEfmt "sv));  // a RIFF that is audio
  EXPECT_FALSE(sniff_image_type("RIFF\x1a\0\0\0WEB"sv));
  EXPECT_FALSE(sniff_image_type("BM\x36\0\0\0"sv));  // bmp
  EXPECT_FALSE(sniff_image_type("II*\0"sv));         // tiff
  EXPECT_FALSE(sniff_image_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
}

TEST(ImageType, ReadsTheContentTypeHeader) {
  EXPECT_EQ(image_type_of_header("image/png"), "image/png");
  EXPECT_EQ(image_type_of_header("IMAGE/JPEG"), "image/jpeg");
  EXPECT_EQ(image_type_of_header(" image/gif ; charset=binary"), "image/gif");
  EXPECT_EQ(image_type_of_header("image/webp"), "image/webp");
  EXPECT_EQ(image_type_of_header("image/jpg"), "image/jpeg");
  EXPECT_FALSE(image_type_of_header("image/svg+xml"));
  EXPECT_FALSE(image_type_of_header("image/tiff"));
  EXPECT_FALSE(image_type_of_header("text/html"));
  EXPECT_FALSE(image_type_of_header("application/octet-stream"));
  EXPECT_FALSE(image_type_of_header(""));
}

TEST(ImageType, HeaderFirstThenMagicBytes) {
  EXPECT_EQ(image_type("image/png", jpeg), "image/png");
  EXPECT_EQ(image_type("application/octet-stream", jpeg), "image/jpeg");
  EXPECT_EQ(image_type("", webp), "image/webp");
  EXPECT_EQ(image_type("text/plain", gif89), "image/gif");
  EXPECT_FALSE(image_type("text/html", "<html></html>"));
  EXPECT_FALSE(image_type("image/svg+xml", "<svg/>"));
}

}  // namespace
}  // namespace keygate::image_type_test
