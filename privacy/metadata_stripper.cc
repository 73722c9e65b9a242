#include "privacy/metadata_stripper.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace netra {
namespace {

using Bytes = const unsigned char*;

uint32_t Be16(Bytes p) { return (static_cast<uint32_t>(p[0]) << 8) | p[1]; }
uint32_t Be32(Bytes p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

// ---------------------------------------------------------------------------------------------
// JPEG (ITU-T T.81). Every check below reads only inside [p, p + n).

// Frame headers of the non-hierarchical processes: baseline, extended, progressive and lossless,
// Huffman (C0-C3) or arithmetic (C9-CB) coded. Hierarchical (differential) frames are refused.
bool IsSupportedSof(unsigned char m) { return (m >= 0xC0 && m <= 0xC3) || (m >= 0xC9 && m <= 0xCB); }

// Returns true when a DQT payload is one or more whole quantisation tables and nothing else.
bool ValidDqt(Bytes p, size_t n) {
  if (n == 0) return false;
  for (size_t i = 0; i < n;) {
    unsigned precision = p[i] >> 4, slot = p[i] & 0x0F;
    if (precision > 1 || slot > 3) return false;
    size_t size = 1 + 64 * (precision + 1);
    if (size > n - i) return false;
    i += size;
  }
  return true;
}

// Returns true when a DHT payload is one or more whole Huffman tables and nothing else.
bool ValidDht(Bytes p, size_t n) {
  if (n == 0) return false;
  for (size_t i = 0; i < n;) {
    if (n - i < 17) return false;
    unsigned table_class = p[i] >> 4, slot = p[i] & 0x0F;
    if (table_class > 1 || slot > 3) return false;
    size_t values = 0;
    for (size_t k = 1; k <= 16; ++k) values += p[i + k];
    if (values > 256 || values > n - i - 17) return false;
    i += 17 + values;
  }
  return true;
}

// Returns true when a DAC payload is one or more whole conditioning entries.
bool ValidDac(Bytes p, size_t n) {
  if (n == 0 || n % 2 != 0) return false;
  for (size_t i = 0; i < n; i += 2) {
    if ((p[i] >> 4) > 1 || (p[i] & 0x0F) > 3) return false;
  }
  return true;
}

// Returns true when a SOF payload describes 1 to 4 components of a non-empty picture exactly.
bool ValidSof(Bytes p, size_t n) {
  if (n < 6) return false;
  unsigned precision = p[0], height = Be16(p + 1), width = Be16(p + 3), components = p[5];
  if (precision < 2 || precision > 16 || height == 0 || width == 0) return false;  // height 0 needs DNL
  if (components < 1 || components > 4 || n != 6 + 3 * static_cast<size_t>(components)) return false;
  for (unsigned c = 0; c < components; ++c) {
    Bytes comp = p + 6 + 3 * c;
    unsigned h = comp[1] >> 4, v = comp[1] & 0x0F;
    if (h < 1 || h > 4 || v < 1 || v > 4 || comp[2] > 3) return false;
  }
  return true;
}

// Returns true when a SOS payload names 1 to `frame_components` components exactly.
bool ValidSos(Bytes p, size_t n, unsigned frame_components) {
  if (n < 1) return false;
  unsigned components = p[0];
  return components >= 1 && components <= frame_components && n == 4 + 2 * static_cast<size_t>(components);
}

// Returns the end of the entropy-coded data that starts at `pos`: the position of the 0xFF that
// begins the next marker other than RSTn, or `n` when the data runs to the end of the file.
// Stuffed 0xFF00 and RSTn (and fill bytes before them) belong to the data.
size_t EndOfScanData(Bytes d, size_t n, size_t pos) {
  while (pos < n) {
    const void* ff = std::memchr(d + pos, 0xFF, n - pos);
    if (ff == nullptr) return n;
    pos = static_cast<size_t>(static_cast<Bytes>(ff) - d);
    size_t next = pos + 1;
    while (next < n && d[next] == 0xFF) ++next;
    if (next >= n) return n;
    if (d[next] != 0x00 && !(d[next] >= 0xD0 && d[next] <= 0xD7)) return pos;
    pos = next + 1;
  }
  return n;
}

Status Damaged(const char* why) { return Status::InvalidArgument(std::string("damaged JPEG: ") + why); }

Status StripJpeg(const std::string& in, std::string* out) {
  Bytes d = reinterpret_cast<Bytes>(in.data());
  const size_t n = in.size();
  if (n < 4 || d[0] != 0xFF || d[1] != 0xD8) return Damaged("no SOI");
  std::string kept;  // the decoding segments, in their order, after the re-written APP0/APP14
  kept.reserve(n);
  bool jfif = false, adobe = false;
  unsigned char adobe_transform = 0;
  unsigned frame_components = 0;  // 0 until the frame header
  bool scanned = false;
  size_t pos = 2;
  for (;;) {
    // A marker: 0xFF, any fill bytes 0xFF, then its code.
    if (pos >= n || d[pos] != 0xFF) return Damaged("expected a marker");
    while (pos < n && d[pos] == 0xFF) ++pos;
    if (pos >= n) return Damaged("ends in fill bytes");
    unsigned char m = d[pos++];
    if (m == 0xD9) {  // EOI of the first frame: whatever follows is dropped
      if (!scanned) return Damaged("no image data");
      break;
    }
    if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD8)) return Damaged("unexpected marker");
    if (n - pos < 2) return Damaged("truncated segment");
    size_t length = Be16(d + pos);
    if (length < 2 || length > n - pos) return Damaged("segment runs past the end");
    Bytes p = d + pos + 2;
    size_t payload = length - 2;
    size_t segment = pos;  // its length field; the marker is written anew without fill bytes
    pos += length;
    if ((m >= 0xE0 && m <= 0xEF) || m == 0xFE) {  // APPn and COM: dropped, colour signals noted
      if (m == 0xE0 && payload >= 14 && std::memcmp(p, "JFIF\0", 5) == 0) jfif = true;
      if (m == 0xEE && payload >= 12 && std::memcmp(p, "Adobe", 5) == 0) {
        adobe = true;
        adobe_transform = p[11];
      }
      continue;
    }
    bool valid;
    if (m == 0xDB) {
      valid = ValidDqt(p, payload);
    } else if (m == 0xC4) {
      valid = ValidDht(p, payload);
    } else if (m == 0xCC) {
      valid = ValidDac(p, payload);
    } else if (m == 0xDD) {
      valid = payload == 2;
    } else if (IsSupportedSof(m)) {
      if (frame_components != 0) return Damaged("second frame header");
      valid = ValidSof(p, payload);
      if (valid) frame_components = p[5];
    } else if (m == 0xDA) {
      if (frame_components == 0) return Damaged("scan before the frame header");
      valid = ValidSos(p, payload, frame_components);
    } else {
      return Status::InvalidArgument("unsupported JPEG marker");  // DNL, hierarchical, JPGn, reserved
    }
    if (!valid) return Damaged("malformed segment");
    kept.push_back('\xFF');
    kept.push_back(static_cast<char>(m));
    kept.append(in, segment, length);
    if (m == 0xDA) {
      size_t end = EndOfScanData(d, n, pos);
      if (end >= n) return Damaged("ends inside a scan");
      kept.append(in, pos, end - pos);
      pos = end;
      scanned = true;
    }
  }
  std::string result = "\xFF\xD8";
  if (jfif) result.append("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
  if (adobe) {
    result.append("\xFF\xEE\x00\x0E" "Adobe\x00\x64\x00\x00\x00\x00", 15);
    result.push_back(static_cast<char>(adobe_transform));
  }
  result += kept;
  result.append("\xFF\xD9");
  *out = std::move(result);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// PNG (ISO/IEC 15948, W3C PNG third edition).

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

uint32_t Crc32(Bytes p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) c = kCrcTable[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

struct PngHeader {
  unsigned colour_type = 0;
};

// Returns true when an IHDR payload is well formed; fills *header.
bool ValidIhdr(Bytes p, size_t n, PngHeader* header) {
  if (n != 13) return false;
  uint32_t width = Be32(p), height = Be32(p + 4);
  unsigned depth = p[8], colour = p[9];
  if (width == 0 || height == 0 || width > 0x7FFFFFFF || height > 0x7FFFFFFF) return false;
  bool depth_ok = false;
  switch (colour) {
    case 0: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
    case 3: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
    case 2: case 4: case 6: depth_ok = depth == 8 || depth == 16; break;
    default: return false;
  }
  if (!depth_ok || p[10] != 0 || p[11] != 0 || p[12] > 1) return false;
  header->colour_type = colour;
  return true;
}

// Returns true for an ancillary colour chunk that is kept, when its length is the one its type
// and the image's colour type allow (so nothing else can ride along in it).
bool KeptColourChunk(std::string_view type, size_t n, const PngHeader& h, size_t palette_entries) {
  if (type == "gAMA" || type == "cICP") return n == 4;
  if (type == "cHRM") return n == 32;
  if (type == "sRGB") return n == 1;
  if (type == "sBIT") {
    static constexpr size_t kChannels[7] = {1, 0, 3, 3, 2, 0, 4};
    return h.colour_type <= 6 && n == kChannels[h.colour_type];
  }
  if (type == "tRNS") {
    if (h.colour_type == 0) return n == 2;
    if (h.colour_type == 2) return n == 6;
    if (h.colour_type == 3) return n >= 1 && n <= palette_entries;
    return false;
  }
  return false;
}

Status BadPng(const char* why) { return Status::InvalidArgument(std::string("damaged PNG: ") + why); }

Status StripPng(const std::string& in, std::string* out) {
  Bytes d = reinterpret_cast<Bytes>(in.data());
  const size_t n = in.size();
  std::string result(in, 0, 8);
  result.reserve(n);
  PngHeader header;
  bool seen_ihdr = false, seen_idat = false, idat_done = false;
  size_t palette_entries = 0;
  size_t pos = 8;
  for (;;) {
    if (n - pos < 12) return BadPng("ends before IEND");
    uint32_t length = Be32(d + pos);
    if (length > 0x7FFFFFFF || length > n - pos - 12) return BadPng("chunk runs past the end");
    Bytes type_bytes = d + pos + 4;
    for (int i = 0; i < 4; ++i) {
      unsigned char c = type_bytes[i];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return BadPng("bad chunk type");
    }
    if (Crc32(type_bytes, 4 + static_cast<size_t>(length)) != Be32(type_bytes + 4 + length)) {
      return BadPng("CRC mismatch");
    }
    std::string_view type(reinterpret_cast<const char*>(type_bytes), 4);
    Bytes data = type_bytes + 4;
    size_t chunk = pos, chunk_size = 12 + static_cast<size_t>(length);
    pos += chunk_size;
    bool critical = (type_bytes[0] & 0x20) == 0;
    if (!seen_ihdr) {
      if (type != "IHDR" || !ValidIhdr(data, length, &header)) return BadPng("no IHDR first");
      seen_ihdr = true;
    } else if (type == "IDAT") {
      if (idat_done) return BadPng("IDAT chunks apart");
      if (header.colour_type == 3 && palette_entries == 0) return BadPng("palette image without PLTE");
      seen_idat = true;
    } else if (type == "IEND") {
      if (!seen_idat || length != 0) return BadPng("IEND misplaced");
      result.append(in, chunk, chunk_size);
      break;  // anything after IEND is dropped
    } else if (type == "PLTE") {
      if (seen_idat || palette_entries != 0 || length == 0 || length % 3 != 0 || length > 768 ||
          header.colour_type == 0 || header.colour_type == 4) {
        return BadPng("bad PLTE");
      }
      palette_entries = length / 3;
    } else if (critical) {
      return BadPng("unknown critical chunk");  // a second IHDR included
    } else {
      if (seen_idat) idat_done = true;
      if (seen_idat || !KeptColourChunk(type, length, header, palette_entries)) continue;  // dropped
    }
    if (seen_idat && type != "IDAT") idat_done = true;
    result.append(in, chunk, chunk_size);
  }
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace

Status StripMetadata(const std::string& in, std::string* out, std::string* format) {
  if (in.size() >= 4 && in.compare(0, 3, "\xFF\xD8\xFF") == 0) {
    *format = "jpeg";
    return StripJpeg(in, out);
  }
  if (in.size() >= 8 && in.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    *format = "png";
    return StripPng(in, out);
  }
  *format = "unknown";
  return Status::InvalidArgument("unknown file format");
}

}  // namespace netra
