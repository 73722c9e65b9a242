#include "bot/metadata_stripper.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/test_util.h"

namespace netra {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The segments a decoder reads (everything but APPn other than APP0/2/14, and COM).
std::string DecodingSegments(const std::string& jpeg) {
  std::string out;
  size_t pos = 2;
  while (pos + 4 <= jpeg.size()) {
    unsigned char marker = static_cast<unsigned char>(jpeg[pos + 1]);
    size_t length = (static_cast<unsigned char>(jpeg[pos + 2]) << 8) | static_cast<unsigned char>(jpeg[pos + 3]);
    bool app = marker >= 0xE0 && marker <= 0xEF;
    if (marker == 0xDA) return out + jpeg.substr(pos);
    if ((!app || marker == 0xE0 || marker == 0xE2 || marker == 0xEE) && marker != 0xFE) out += jpeg.substr(pos, 2 + length);
    pos += 2 + length;
  }
  return out;
}

TEST(MetadataStripperTest, JpegLosesGpsSerialAndAuthorButKeepsThePicture) {
  std::string original = Read(testing::SourceDir() + "/tests/data/gps_serial.jpg");
  ASSERT_NE(original.find("CAMSERIAL-7731"), std::string::npos) << "fixture carries a camera serial";
  ASSERT_NE(original.find("Wiryawan"), std::string::npos);
  ASSERT_NE(original.find(std::string("Exif\0\0", 6)), std::string::npos) << "fixture carries EXIF (with GPS)";
  std::string stripped, format;
  ASSERT_TRUE(StripMetadata(original, &stripped, &format).ok());
  EXPECT_EQ(format, "jpeg");
  for (const char* gone : {"CAMSERIAL-7731", "Wiryawan", "wiryawan", "Exif", "NetraCam", "http://ns.adobe.com/xap"}) {
    EXPECT_EQ(stripped.find(gone), std::string::npos) << gone;
  }
  EXPECT_LT(stripped.size(), original.size());
  EXPECT_EQ(DecodingSegments(stripped), DecodingSegments(original));
  // Where the JPEG decoder is installed, both decode to the same pixels.
  if (std::filesystem::exists("/usr/bin/djpeg")) {
    testing::TempDir dir;
    std::ofstream(dir.file("a.jpg"), std::ios::binary) << original;
    std::ofstream(dir.file("b.jpg"), std::ios::binary) << stripped;
    ASSERT_EQ(std::system(("/usr/bin/djpeg -outfile " + dir.file("a.ppm") + " " + dir.file("a.jpg")).c_str()), 0);
    ASSERT_EQ(std::system(("/usr/bin/djpeg -outfile " + dir.file("b.ppm") + " " + dir.file("b.jpg")).c_str()), 0);
    std::string a = Read(dir.file("a.ppm")), b = Read(dir.file("b.ppm"));
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b);
  }
}

TEST(MetadataStripperTest, PngLosesTextExifAndTimeChunks) {
  std::string original = Read(testing::SourceDir() + "/tests/data/text_exif.png");
  ASSERT_NE(original.find("Wiryawan"), std::string::npos);
  std::string stripped, format;
  ASSERT_TRUE(StripMetadata(original, &stripped, &format).ok());
  EXPECT_EQ(format, "png");
  for (const char* gone : {"Wiryawan", "CAMSERIAL-7731", "tEXt", "iTXt", "eXIf", "tIME"}) {
    EXPECT_EQ(stripped.find(gone), std::string::npos) << gone;
  }
  size_t idat = original.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  EXPECT_NE(stripped.find(original.substr(idat - 4)), std::string::npos) << "image data and IEND unchanged";
  EXPECT_EQ(stripped.find("IHDR"), 12u);
}

TEST(MetadataStripperTest, UnknownAndDamagedFilesAreRefused) {
  std::string out, format;
  EXPECT_FALSE(StripMetadata("%PDF-1.4 hello", &out, &format).ok());
  EXPECT_EQ(format, "unknown");
  EXPECT_FALSE(StripMetadata(std::string("\xFF\xD8\xFF\xE1\x40\x00short", 10), &out, &format).ok());
  EXPECT_FALSE(StripMetadata(std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16), &out, &format).ok());
}

}  // namespace
}  // namespace netra
