// MetadataStripper: removes what a photo or image file says about who took it and where — EXIF
// (with GPS and camera serials), XMP, IPTC, comments, PNG text and eXIf chunks — leaving the
// picture itself byte-for-byte intact.
#pragma once

#include <string>

#include "bot/status.h"

namespace netra {

// Strips `in` into *out and names the format in *format ("jpeg", "png").
// Returns OK on success; InvalidArgument for a format it does not know or a damaged file
// (*format is then "unknown" and nothing is written to *out).
Status StripMetadata(const std::string& in, std::string* out, std::string* format);

}  // namespace netra
