#include "bot/metadata_stripper.h"

#include <cstdint>

namespace netra {
namespace {

// JPEG: keep the segments decoding needs (SOF, DHT, DQT, DRI, SOS and the scan, APP0 JFIF,
// APP2 ICC colour profile, APP14 Adobe colour transform); drop every other APPn and COM.
Status StripJpeg(const std::string& in, std::string* out) {
  std::string result = "\xFF\xD8";
  size_t pos = 2;
  while (pos + 4 <= in.size()) {
    if (static_cast<unsigned char>(in[pos]) != 0xFF) return Status::InvalidArgument("damaged JPEG");
    unsigned char marker = static_cast<unsigned char>(in[pos + 1]);
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xD9) break;  // EOI without a scan
    size_t length = (static_cast<unsigned char>(in[pos + 2]) << 8) | static_cast<unsigned char>(in[pos + 3]);
    if (length < 2 || pos + 2 + length > in.size()) return Status::InvalidArgument("damaged JPEG segment");
    bool app = marker >= 0xE0 && marker <= 0xEF;
    bool keep_app = marker == 0xE0 || marker == 0xE2 || marker == 0xEE;
    if ((!app || keep_app) && marker != 0xFE) result.append(in, pos, 2 + length);
    pos += 2 + length;
    if (marker == 0xDA) {
      // The entropy-coded scan (and any further scans) up to and including EOI, as it is.
      size_t last = in.rfind("\xFF\xD9");
      if (last == std::string::npos || last < pos) return Status::InvalidArgument("JPEG without end");
      result.append(in, pos, last + 2 - pos);  // bytes after EOI (trailers) are dropped
      *out = std::move(result);
      return Status::Ok();
    }
  }
  return Status::InvalidArgument("JPEG without image data");
}

uint32_t BigEndian32(const std::string& s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

// PNG: drop the text, eXIf and time chunks; keep every other chunk as it is.
Status StripPng(const std::string& in, std::string* out) {
  std::string result = in.substr(0, 8);
  size_t pos = 8;
  bool ended = false;
  while (pos + 12 <= in.size() && !ended) {
    uint32_t length = BigEndian32(in, pos);
    if (length > in.size() || pos + 12 + length > in.size()) return Status::InvalidArgument("damaged PNG chunk");
    std::string type = in.substr(pos + 4, 4);
    bool drop = type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME";
    if (!drop) result.append(in, pos, 12 + length);
    ended = type == "IEND";
    pos += 12 + length;
  }
  if (!ended) return Status::InvalidArgument("PNG without IEND");
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace

Status StripMetadata(const std::string& in, std::string* out, std::string* format) {
  if (in.size() > 4 && in.compare(0, 3, "\xFF\xD8\xFF") == 0) {
    *format = "jpeg";
    return StripJpeg(in, out);
  }
  if (in.size() > 8 && in.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    *format = "png";
    return StripPng(in, out);
  }
  *format = "unknown";
  return Status::InvalidArgument("unknown file format");
}

}  // namespace netra
