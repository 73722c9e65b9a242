// Fuzzes the PNG path of StripMetadata (bot/metadata_stripper.h). When it succeeds, the output
// must be a PNG without tEXt, zTXt, iTXt, eXIf or tIME chunks, ending with IEND, no larger than
// the input, and stripping it again must change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "privacy/metadata_stripper.h"

namespace {

void Fail(const char* what) {
  std::fprintf(stderr, "png_stripper_fuzzer: %s\n", what);
  std::abort();
}

void CheckChunks(const std::string& s) {
  if (s.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) Fail("output does not start with the PNG signature");
  size_t pos = 8;
  std::string type;
  while (pos + 12 <= s.size()) {
    size_t length = (static_cast<size_t>(static_cast<unsigned char>(s[pos])) << 24) |
                    (static_cast<size_t>(static_cast<unsigned char>(s[pos + 1])) << 16) |
                    (static_cast<size_t>(static_cast<unsigned char>(s[pos + 2])) << 8) |
                    static_cast<size_t>(static_cast<unsigned char>(s[pos + 3]));
    type = s.substr(pos + 4, 4);
    if (type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME") {
      Fail("output keeps a text, eXIf or tIME chunk");
    }
    pos += 12 + length;
  }
  if (pos != s.size() || type != "IEND") Fail("output does not end with the IEND chunk");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  std::string out, format;
  netra::Status s = netra::StripMetadata(in, &out, &format);
  if (format != "png" || !s.ok()) return 0;
  if (out.size() > in.size()) Fail("output larger than input");
  CheckChunks(out);
  std::string again, format_again;
  if (!netra::StripMetadata(out, &again, &format_again).ok()) Fail("stripped output is refused");
  if (format_again != "png" || again != out) Fail("stripping twice changes the output");
  return 0;
}
