// Ticket codes: 12 Crockford base32 characters (60 bits) shown as XXXX-XXXX-XXXX, easy to read
// aloud and type. The one place that makes them and reads them back.
#pragma once

#include <string>

namespace netra {

// A fresh random code.
std::string NewTicketCode();

// The canonical form of a code as a person typed it ("abcd efgh-jkmn", O for 0, I or L for 1),
// or "" when the text cannot be a code.
std::string NormalizeTicketCode(const std::string& text);

}  // namespace netra
