// Fuzzes the JPEG path of StripMetadata (bot/metadata_stripper.h). When it succeeds, the output
// must be a JPEG whose segments before the first scan are only those it keeps (APP0 JFIF, APP2
// ICC, APP14 Adobe and the non-APP segments: no EXIF/XMP APP1, no IPTC APP13, no COM), no larger
// than the input, and stripping it again must change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "privacy/metadata_stripper.h"

namespace {

void Fail(const char* what) {
  std::fprintf(stderr, "jpeg_stripper_fuzzer: %s\n", what);
  std::abort();
}

// Walks the segments of a stripped JPEG up to the first SOS and fails on any dropped kind.
void CheckSegments(const std::string& s) {
  if (s.compare(0, 2, "\xFF\xD8") != 0) Fail("output does not start with SOI");
  size_t pos = 2;
  while (pos + 4 <= s.size()) {
    unsigned char marker = static_cast<unsigned char>(s[pos + 1]);
    if (static_cast<unsigned char>(s[pos]) != 0xFF) Fail("output segment does not start with 0xFF");
    bool app = marker >= 0xE0 && marker <= 0xEF;
    if ((app && marker != 0xE0 && marker != 0xE2 && marker != 0xEE) || marker == 0xFE) {
      Fail("output keeps an APPn or COM segment that should be dropped");
    }
    if (marker == 0xDA) return;
    size_t length = (static_cast<unsigned char>(s[pos + 2]) << 8) | static_cast<unsigned char>(s[pos + 3]);
    pos += 2 + length;
  }
  Fail("output has no scan");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  std::string out, format;
  netra::Status s = netra::StripMetadata(in, &out, &format);
  if (format != "jpeg" || !s.ok()) return 0;
  if (out.size() > in.size()) Fail("output larger than input");
  CheckSegments(out);
  std::string again, format_again;
  if (!netra::StripMetadata(out, &again, &format_again).ok()) Fail("stripped output is refused");
  if (format_again != "jpeg" || again != out) Fail("stripping twice changes the output");
  return 0;
}
