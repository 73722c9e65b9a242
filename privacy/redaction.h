// Redaction: masks personal data in free text before anything stores it.
#pragma once

#include <string>
#include <string_view>

namespace netra {

// Returns `text` with personal data replaced by placeholders:
// - "[nomor telepon]": Indonesian mobiles (08…, +62 8…, 62 8…, 8… with 10–12 digits) and
//   landlines ((021) 555 1234, 0274 123456, +62 21 5551234), other +country numbers, grouped with
//   spaces, dots, dashes (Unicode dashes too) or parentheses, in full-width digits, or glued to
//   a label ("hp0813…", "wa:0813…");
// - "[email]": e-mail addresses, also spelled out ("nama @ gmail . com", "nama (at) gmail (dot) com");
// - "[NIK]": 16-digit NIK numbers, whole or grouped.
// An 18-digit NIP (YYYYMMDD YYYYMM G NNN), dates, times, amounts ("Rp 50.000") and ticket codes
// are left as they are. Runs in time linear in the length of `text`, with no regular expressions;
// invalid UTF-8 passes through unchanged.
std::string MaskPersonalData(std::string_view text);

}  // namespace netra
