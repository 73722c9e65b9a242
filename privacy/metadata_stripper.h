// MetadataStripper: rewrites a photo or image file keeping only what decoding its (first) picture
// needs, so nothing a camera, phone or editor wrote about who took it and where (Exif with GPS,
// XMP, IPTC, C2PA, ICC descriptions, comments, thumbnails, further frames, trailers) survives.
//
// It works by allow-list, never by deny-list:
//  - JPEG: SOI, DQT, DHT, DAC, DRI, one SOF (baseline, extended, progressive or lossless; Huffman
//    or arithmetic), each SOS with its entropy-coded data (stuffed bytes and RSTn as they are),
//    then EOI. Every APPn and COM is dropped, and so is everything after the first frame's EOI
//    (a second MPO frame, trailers). The two colour-space signals a decoder reads are re-written
//    in minimal form, only when the file had them: a JFIF APP0 (version 1.01, aspect 1:1, no
//    thumbnail) and an Adobe APP14 (only its colour-transform byte carried over). Hierarchical
//    frames, DNL and unknown markers are refused.
//  - PNG: IHDR, PLTE, IDAT, IEND and the colour chunks tRNS, gAMA, cHRM, sRGB, sBIT, cICP, each
//    copied with its checked CRC; every other chunk (caBX, eXIf, tEXt, zTXt, iTXt, tIME, iCCP
//    (its profile name is free text), pHYs, APNG frames, private chunks) and anything after IEND
//    is dropped. An unknown critical chunk is refused.
// The entropy-coded JPEG scans and the PNG image data are copied byte for byte, so the decoded
// pixels are unchanged. The parser reads the input once, without recursion, never past its end,
// and the output is never larger than the input.
#pragma once

#include <string>

#include "base/status.h"

namespace netra {

// Strips `in` into *out and names the format in *format ("jpeg", "png").
// Returns OK on success; InvalidArgument for a format it does not know ( *format is then
// "unknown") or a damaged or unsupported file; on error nothing is written to *out.
Status StripMetadata(const std::string& in, std::string* out, std::string* format);

}  // namespace netra
