#include "privacy/metadata_stripper.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "tests/test_util.h"

namespace netra {
namespace {

// Fixtures strip_* are written by tests/data/make_strip_fixtures.py (cjpeg output and zlib data
// with the red team's H4 author and GPS spliced in).

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Fixture(const std::string& name) {
  std::string bytes = Read(testing::SourceDir() + "/tests/data/" + name);
  EXPECT_FALSE(bytes.empty()) << name;
  return bytes;
}

std::string Bin(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

// The identifying bytes every H4 fixture carries: the author, the GPS in decimal, the GPS as Exif
// rationals (little-endian latitude seconds 2441616/100000 and longitude seconds 355548/10000),
// and the containers that held them.
const std::vector<std::string>& Identifying() {
  static const std::vector<std::string> kBytes = {
      "Kartini", "Wulandari", "-6.123456", "106.876543",
      Bin({0x90, 0x41, 0x25, 0x00, 0xA0, 0x86, 0x01, 0x00}), Bin({0xDC, 0x6C, 0x05, 0x00, 0x10, 0x27, 0x00, 0x00}),
      std::string("Exif\0\0", 6), "http://ns.adobe.com/xap", "NetraPhone", "MPF", "Photoshop", "ICC_PROFILE",
      "c2pa", "caBX", "eXIf", "tEXt", "zTXt", "iTXt", "tIME", "iCCP", "pHYs", "prVt"};
  return kBytes;
}

// The JPEG's markers in order (fill bytes skipped, scans jumped over), e.g. D8 E0 DB C0 C4 DA D9.
std::vector<int> JpegMarkers(const std::string& jpeg) {
  std::vector<int> markers;
  size_t pos = 0;
  auto at = [&](size_t i) { return static_cast<unsigned char>(jpeg[i]); };
  while (pos + 1 < jpeg.size() && at(pos) == 0xFF) {
    while (pos + 1 < jpeg.size() && at(pos + 1) == 0xFF) ++pos;
    int m = at(pos + 1);
    markers.push_back(m);
    pos += 2;
    if (m == 0xD8 || m == 0xD9) {
      if (m == 0xD9) break;
      continue;
    }
    if (pos + 2 > jpeg.size()) break;
    pos += (at(pos) << 8) | at(pos + 1);
    if (m == 0xDA) {  // entropy-coded data up to the next marker other than RSTn or stuffing
      while (pos + 1 < jpeg.size() &&
             !(at(pos) == 0xFF && at(pos + 1) != 0x00 && at(pos + 1) != 0xFF && (at(pos + 1) & 0xF8) != 0xD0)) {
        ++pos;
      }
    }
  }
  return markers;
}

// Decodes with libjpeg-turbo's djpeg (installed by scripts/setup); returns the PPM/PGM, or "" when
// it does not decode.
std::string Djpeg(const std::string& jpeg) {
  EXPECT_TRUE(std::filesystem::exists("/usr/bin/djpeg")) << "run scripts/setup (libjpeg-turbo-progs)";
  testing::TempDir dir;
  std::ofstream(dir.file("in.jpg"), std::ios::binary) << jpeg;
  std::string cmd = "/usr/bin/djpeg -outfile " + dir.file("out.pnm") + " " + dir.file("in.jpg") + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) return "";
  return Read(dir.file("out.pnm"));
}

// Returns true when pngcheck (installed by scripts/setup) finds the PNG sound: signature, chunk
// order, every CRC, and the zlib stream of the image data inflating to its end.
bool PngcheckPasses(const std::string& png) {
  EXPECT_TRUE(std::filesystem::exists("/usr/bin/pngcheck")) << "run scripts/setup (pngcheck)";
  testing::TempDir dir;
  std::ofstream(dir.file("in.png"), std::ios::binary) << png;
  return std::system(("/usr/bin/pngcheck -q " + dir.file("in.png") + " >/dev/null 2>&1").c_str()) == 0;
}

struct PngChunk {
  std::string type, whole;  // whole: length, type, data and CRC
};

std::vector<PngChunk> PngChunks(const std::string& png) {
  std::vector<PngChunk> chunks;
  size_t pos = 8;
  while (pos + 12 <= png.size()) {
    uint32_t length = 0;
    for (int i = 0; i < 4; ++i) length = (length << 8) | static_cast<unsigned char>(png[pos + i]);
    if (length > png.size() - pos - 12) break;
    chunks.push_back({png.substr(pos + 4, 4), png.substr(pos, 12 + length)});
    if (chunks.back().type == "IEND") break;
    pos += 12 + length;
  }
  return chunks;
}

void ExpectNothingIdentifying(const std::string& stripped) {
  for (const std::string& gone : Identifying()) {
    EXPECT_EQ(stripped.find(gone), std::string::npos) << "still carries: " << gone;
  }
}

std::string Strip(const std::string& in, const std::string& want_format) {
  std::string out, format;
  Status s = StripMetadata(in, &out, &format);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(format, want_format);
  return out;
}

TEST(MetadataStripperTest, MpoJpegKeepsOnlyTheFirstFrameAndNoMetadata) {
  std::string original = Fixture("strip_mpo_exif_gps.jpg");
  // The H4 case: metadata in the first frame and a second frame, with its own Exif, after its EOI.
  size_t second_soi = original.find("\xFF\xD9\xFF\xD8");
  ASSERT_NE(second_soi, std::string::npos);
  ASSERT_NE(original.find("Kartini Wulandari", second_soi), std::string::npos);
  ASSERT_NE(original.find(std::string("Exif\0\0", 6), second_soi), std::string::npos);
  for (const char* carried : {"Kartini", "-6.123456", "Exif", "http://ns.adobe.com/xap", "MPF", "Photoshop"}) {
    ASSERT_NE(original.find(carried), std::string::npos) << carried;
  }

  std::string stripped = Strip(original, "jpeg");
  ExpectNothingIdentifying(stripped);
  // SOI, a minimal JFIF APP0, the tables and frame, the restart interval, one scan, EOI: nothing else.
  EXPECT_EQ(JpegMarkers(stripped), (std::vector<int>{0xD8, 0xE0, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4, 0xDD, 0xDA, 0xD9}));
  EXPECT_EQ(stripped.substr(2, 18), Bin({0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}));
  EXPECT_EQ(stripped.find("\xFF\xD9"), stripped.size() - 2) << "one EOI, at the end";
  EXPECT_LT(stripped.size(), second_soi);
  // The restart markers and stuffed bytes of the scan are carried over.
  EXPECT_NE(stripped.find("\xFF\xD0"), std::string::npos);
  EXPECT_NE(stripped.find(std::string("\xFF\x00", 2)), std::string::npos);
  // The same pixels as the first frame of the original.
  std::string want = Djpeg(original), got = Djpeg(stripped);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(got, want);
  // Stripping is idempotent.
  EXPECT_EQ(Strip(stripped, "jpeg"), stripped);
}

TEST(MetadataStripperTest, ProgressiveJpegKeepsEveryScanAndDropsWhatIsBetweenThem) {
  std::string original = Fixture("strip_progressive_meta.jpg");
  ASSERT_NE(original.find("edited by Kartini"), std::string::npos) << "COM between scans";
  ASSERT_NE(original.find("trailer Kartini"), std::string::npos) << "trailer after EOI";
  std::string stripped = Strip(original, "jpeg");
  ExpectNothingIdentifying(stripped);
  std::vector<int> in_markers = JpegMarkers(original), out_markers = JpegMarkers(stripped);
  auto count = [](const std::vector<int>& v, int m) { return std::count(v.begin(), v.end(), m); };
  EXPECT_GE(count(in_markers, 0xDA), 5);
  EXPECT_EQ(count(out_markers, 0xDA), count(in_markers, 0xDA));
  EXPECT_EQ(count(out_markers, 0xC2), 1) << "progressive frame header kept";
  EXPECT_EQ(count(out_markers, 0xFE), 0);
  EXPECT_EQ(count(out_markers, 0xE1), 0);
  std::string want = Djpeg(original), got = Djpeg(stripped);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(got, want);
}

TEST(MetadataStripperTest, AdobeColourTransformIsKeptInMinimalForm) {
  // An RGB-coded JPEG: without its Adobe APP14 (transform 0) a decoder would read it as YCbCr.
  std::string original = Fixture("strip_adobe_rgb.jpg");
  ASSERT_NE(original.find("ICC_PROFILE"), std::string::npos);
  std::string stripped = Strip(original, "jpeg");
  ExpectNothingIdentifying(stripped);
  EXPECT_EQ(stripped.substr(2, 16), Bin({0xFF, 0xEE, 0x00, 0x0E, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}));
  EXPECT_EQ(stripped.find("JFIF"), std::string::npos) << "no JFIF invented where there was none";
  std::string want = Djpeg(original), got = Djpeg(stripped);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(got, want);
  EXPECT_NE(Djpeg(stripped.substr(0, 2) + stripped.substr(18)), want) << "the APP14 is what makes it RGB";
}

TEST(MetadataStripperTest, JpegLosesGpsSerialAndAuthorButKeepsThePicture) {
  std::string original = Fixture("gps_serial.jpg");
  ASSERT_NE(original.find("CAMSERIAL-7731"), std::string::npos) << "fixture carries a camera serial";
  ASSERT_NE(original.find("Wiryawan"), std::string::npos);
  std::string stripped = Strip(original, "jpeg");
  for (const char* gone : {"CAMSERIAL-7731", "Wiryawan", "wiryawan", "Exif", "NetraCam", "http://ns.adobe.com/xap"}) {
    EXPECT_EQ(stripped.find(gone), std::string::npos) << gone;
  }
  EXPECT_LT(stripped.size(), original.size());
  std::string want = Djpeg(original), got = Djpeg(stripped);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(got, want);
}

TEST(MetadataStripperTest, PngKeepsOnlyCriticalAndColourChunks) {
  std::string original = Fixture("strip_c2pa_text.png");
  std::vector<PngChunk> in_chunks = PngChunks(original);
  std::vector<std::string> in_types;
  for (const auto& c : in_chunks) in_types.push_back(c.type);
  ASSERT_EQ(in_types, (std::vector<std::string>{"IHDR", "gAMA", "cHRM", "iCCP", "pHYs", "caBX", "eXIf", "tEXt", "zTXt",
                                                "iTXt", "tIME", "prVt", "IDAT", "IDAT", "IEND"}));
  ASSERT_NE(original.find("after the end: Kartini"), std::string::npos);

  std::string stripped = Strip(original, "png");
  ExpectNothingIdentifying(stripped);
  std::vector<PngChunk> out_chunks = PngChunks(stripped);
  std::vector<std::string> out_types;
  for (const auto& c : out_chunks) out_types.push_back(c.type);
  EXPECT_EQ(out_types, (std::vector<std::string>{"IHDR", "gAMA", "cHRM", "IDAT", "IDAT", "IEND"}));
  // Kept chunks are the original bytes, so the decoded pixels are the same; and it ends at IEND.
  for (const auto& c : out_chunks) EXPECT_NE(original.find(c.whole), std::string::npos) << c.type;
  EXPECT_EQ(stripped.size() - out_chunks.back().whole.size(), stripped.rfind("\0\0\0\0IEND", std::string::npos, 8));
  EXPECT_FALSE(PngcheckPasses(original)) << "pngcheck notices the trailer after IEND";
  EXPECT_TRUE(PngcheckPasses(stripped));
  EXPECT_EQ(Strip(stripped, "png"), stripped);
}

TEST(MetadataStripperTest, PngLosesTextExifAndTimeChunks) {
  std::string original = Fixture("text_exif.png");
  ASSERT_NE(original.find("Wiryawan"), std::string::npos);
  std::string stripped = Strip(original, "png");
  for (const char* gone : {"Wiryawan", "CAMSERIAL-7731", "tEXt", "iTXt", "eXIf", "tIME"}) {
    EXPECT_EQ(stripped.find(gone), std::string::npos) << gone;
  }
  size_t idat = original.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  EXPECT_NE(stripped.find(original.substr(idat - 4)), std::string::npos) << "image data and IEND unchanged";
  EXPECT_EQ(stripped.find("IHDR"), 12u);
  EXPECT_TRUE(PngcheckPasses(stripped));
}

// Every prefix that stops before the first frame's EOI (or before IEND) is refused; longer ones
// give the same output as the whole file.
TEST(MetadataStripperTest, TruncatedFilesAreRefusedAtEveryLength) {
  for (const char* name : {"strip_mpo_exif_gps.jpg", "strip_progressive_meta.jpg", "strip_c2pa_text.png"}) {
    std::string original = Fixture(name), whole, format;
    ASSERT_TRUE(StripMetadata(original, &whole, &format).ok()) << name;
    size_t complete = format == "jpeg" ? original.find("\xFF\xD9") + 2 : original.find("IEND") + 8;
    for (size_t length = 0; length < original.size(); ++length) {
      std::string out = "untouched";
      bool ok = StripMetadata(original.substr(0, length), &out, &format).ok();
      EXPECT_EQ(ok, length >= complete) << name << " cut at " << length;
      EXPECT_EQ(out, ok ? whole : "untouched") << name << " cut at " << length;
    }
  }
}

// Damaged bytes anywhere: never a crash or a read past the end (the sanitizer builds check that),
// and whatever is accepted is still only a JPEG frame or PNG chunks, never larger than the input.
TEST(MetadataStripperTest, DamagedBytesAnywhereGiveAnErrorOrACleanFile) {
  for (const char* name : {"strip_mpo_exif_gps.jpg", "strip_progressive_meta.jpg", "strip_adobe_rgb.jpg",
                           "strip_c2pa_text.png"}) {
    std::string original = Fixture(name);
    int accepted = 0, refused = 0;
    for (size_t i = 0; i < original.size(); ++i) {
      for (int value : {0x00, 0xFF, 0xD9, (static_cast<unsigned char>(original[i]) ^ 0x41)}) {
        std::string damaged = original;
        damaged[i] = static_cast<char>(value);
        std::string out, format;
        if (!StripMetadata(damaged, &out, &format).ok()) {
          ++refused;
          continue;
        }
        ++accepted;
        EXPECT_LE(out.size(), damaged.size());
        if (format == "jpeg") {
          EXPECT_EQ(out.substr(0, 2), "\xFF\xD8");
          EXPECT_EQ(out.substr(out.size() - 2), "\xFF\xD9");
        } else {
          std::vector<PngChunk> chunks = PngChunks(out);
          ASSERT_FALSE(chunks.empty());
          EXPECT_EQ(chunks.back().type, "IEND");
        }
      }
    }
    EXPECT_GT(accepted, 0) << name;
    EXPECT_GT(refused, 0) << name;
  }
}

std::string Segment(int marker, const std::string& payload) {
  size_t length = payload.size() + 2;
  return Bin({0xFF, marker, static_cast<int>(length >> 8), static_cast<int>(length & 0xFF)}) + payload;
}

TEST(MetadataStripperTest, MalformedOrUnsupportedJpegsAreRefused) {
  // A well-formed baseline file to break in one way at a time: SOI | head (tables, frame) | scan...
  std::string good = Strip(Fixture("strip_mpo_exif_gps.jpg"), "jpeg");
  size_t sof = good.find("\xFF\xC0"), sos = good.find("\xFF\xDA");
  ASSERT_NE(sof, std::string::npos);
  ASSERT_NE(sos, std::string::npos);
  std::string soi = good.substr(0, 2), before_sof = good.substr(2, sof - 2), sof_seg = good.substr(sof, 19);
  std::string tables = good.substr(sof + 19, sos - sof - 19), scan = good.substr(sos);
  ASSERT_EQ(soi + before_sof + sof_seg + tables + scan, good);
  std::string out, format;
  ASSERT_TRUE(StripMetadata(good, &out, &format).ok());

  struct Case {
    const char* name;
    std::string bytes;
  };
  std::string dht(Segment(0xC4, Bin({0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7})));
  const std::vector<Case> cases = {
      {"scan before the frame header", soi + before_sof + tables + scan},
      {"two frame headers", soi + before_sof + sof_seg + sof_seg + tables + scan},
      {"DHT with a trailing byte", soi + before_sof + sof_seg + Segment(0xC4, dht.substr(4) + "x") + tables + scan},
      {"DQT of the wrong size", soi + Segment(0xDB, std::string(60, '\x01')) + sof_seg + tables + scan},
      {"DRI of the wrong size", soi + before_sof + sof_seg + Segment(0xDD, "abc") + tables + scan},
      {"height 0 (needs DNL)", soi + before_sof + sof_seg.substr(0, 5) + Bin({0, 0}) + sof_seg.substr(7) + tables + scan},
      {"SOF with a hidden tail", soi + before_sof + Segment(0xC0, sof_seg.substr(4) + "Kartini") + tables + scan},
      {"hierarchical frame", soi + before_sof + "\xFF\xC5" + sof_seg.substr(2) + tables + scan},
      {"JPEG-LS marker", soi + Segment(0xF7, "x") + before_sof + sof_seg + tables + scan},
      {"DNL", soi + before_sof + sof_seg + tables + scan.substr(0, scan.size() - 2) + Segment(0xDC, Bin({0, 24})) + "\xFF\xD9"},
      {"restart marker outside a scan", soi + "\xFF\xD0" + before_sof + sof_seg + tables + scan},
      {"second SOI", soi + "\xFF\xD8" + before_sof + sof_seg + tables + scan},
      {"garbage between segments", soi + "Kartini" + before_sof + sof_seg + tables + scan},
      {"APP1 longer than the file", soi + Bin({0xFF, 0xE1, 0xFF, 0xF0}) + "Exif"},
      {"segment length below 2", soi + Bin({0xFF, 0xFE, 0x00, 0x01}) + before_sof + sof_seg + tables + scan},
      {"only fill bytes after SOI", soi + std::string(50, '\xFF')},
      {"EOI without a scan", soi + before_sof + sof_seg + tables + "\xFF\xD9"},
      {"no EOI", good.substr(0, good.size() - 2)},
      {"SOI only", Bin({0xFF, 0xD8, 0xFF})},
  };
  for (const Case& c : cases) {
    out = "untouched";
    EXPECT_FALSE(StripMetadata(c.bytes, &out, &format).ok()) << c.name;
    EXPECT_EQ(out, "untouched") << c.name;
  }
  // Fill bytes before markers are allowed and not copied.
  std::string filled = soi + "\xFF\xFF\xFF" + before_sof + sof_seg + tables + scan;
  ASSERT_TRUE(StripMetadata(filled, &out, &format).ok());
  EXPECT_EQ(out, good);
}

std::string PngChunkBytes(const std::string& type, const std::string& data);

TEST(MetadataStripperTest, MalformedPngsAreRefused) {
  std::string good = Strip(Fixture("strip_c2pa_text.png"), "png");
  std::vector<PngChunk> chunks = PngChunks(good);
  ASSERT_EQ(chunks.size(), 6u);
  std::string sig = good.substr(0, 8), ihdr = chunks[0].whole, idat = chunks[3].whole + chunks[4].whole,
              iend = chunks[5].whole;
  std::string bad_crc = chunks[3].whole;
  bad_crc[bad_crc.size() - 1] ^= 1;
  std::string out, format;
  struct Case {
    const char* name;
    std::string bytes;
  };
  const std::vector<Case> cases = {
      {"CRC mismatch in IDAT", sig + ihdr + bad_crc + chunks[4].whole + iend},
      {"no IHDR first", sig + idat + ihdr + iend},
      {"no IDAT", sig + ihdr + iend},
      {"no IEND", sig + ihdr + idat},
      {"chunk length past the end", sig + ihdr + Bin({0x7F, 0xFF, 0xFF, 0xFF}) + "IDAT" + idat},
      {"chunk length over 2^31", sig + ihdr + Bin({0xFF, 0xFF, 0xFF, 0xF0}) + "IDAT" + idat + iend},
      {"unknown critical chunk", sig + ihdr + PngChunkBytes("CABX", "Kartini") + idat + iend},
      {"second IHDR", sig + ihdr + ihdr + idat + iend},
      {"IDAT chunks apart", sig + ihdr + chunks[3].whole + PngChunkBytes("tEXt", "a\0b") + chunks[4].whole + iend},
      {"PLTE in an RGB image after IDAT", sig + ihdr + idat + PngChunkBytes("PLTE", "abc") + iend},
      {"chunk type not a letter", sig + ihdr + PngChunkBytes("ca1X", "x") + idat + iend},
      {"signature only", sig},
  };
  for (const Case& c : cases) {
    out = "untouched";
    EXPECT_FALSE(StripMetadata(c.bytes, &out, &format).ok()) << c.name;
    EXPECT_EQ(out, "untouched") << c.name;
  }
  // Colour chunks of the wrong length, and colour chunks after the image data, are dropped.
  std::string odd = sig + ihdr + PngChunkBytes("gAMA", "12345") + PngChunkBytes("sRGB", "\x01") + idat +
                    PngChunkBytes("cHRM", std::string(32, 'x')) + iend;
  ASSERT_TRUE(StripMetadata(odd, &out, &format).ok());
  EXPECT_EQ(out, sig + ihdr + PngChunkBytes("sRGB", "\x01") + idat + iend);
}

TEST(MetadataStripperTest, UnknownAndDamagedFilesAreRefused) {
  std::string out, format;
  EXPECT_FALSE(StripMetadata("%PDF-1.4 hello", &out, &format).ok());
  EXPECT_EQ(format, "unknown");
  EXPECT_FALSE(StripMetadata("", &out, &format).ok());
  EXPECT_FALSE(StripMetadata(std::string("\xFF\xD8\xFF\xE1\x40\x00short", 10), &out, &format).ok());
  EXPECT_FALSE(StripMetadata(std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16), &out, &format).ok());
}

// A PNG chunk with its CRC (the reflected CRC-32 of ISO 3309, bit by bit).
std::string PngChunkBytes(const std::string& type, const std::string& data) {
  std::string body = type + data;
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : body) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  crc ^= 0xFFFFFFFFu;
  uint32_t n = static_cast<uint32_t>(data.size());
  return Bin({static_cast<int>(n >> 24), static_cast<int>((n >> 16) & 0xFF), static_cast<int>((n >> 8) & 0xFF),
              static_cast<int>(n & 0xFF)}) +
         body +
         Bin({static_cast<int>(crc >> 24), static_cast<int>((crc >> 16) & 0xFF), static_cast<int>((crc >> 8) & 0xFF),
              static_cast<int>(crc & 0xFF)});
}

}  // namespace
}  // namespace netra
