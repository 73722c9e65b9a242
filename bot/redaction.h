// Redaction: masks personal data in free text before anything stores it.
#pragma once

#include <string>
#include <string_view>

namespace netra {

// Replaces Indonesian phone numbers (08…, +62…, 62…), e-mail addresses and 16-digit NIK numbers
// with placeholders ("[nomor telepon]", "[email]", "[NIK]"). Other text is left as it is.
std::string MaskPersonalData(std::string_view text);

}  // namespace netra
