// BoundedInboundText: the one gate every user text passes on its way in from a provider. After it,
// text is valid UTF-8 (invalid bytes become U+FFFD) and at most kMaxInboundCodePoints long, so no
// later parser sees a 64k-character message or a stray byte that a JSON dump would refuse.
#pragma once

#include <cstddef>
#include <string>

namespace netra {

// Telegram's own limit for a message; WhatsApp allows longer texts, which are cut to this.
inline constexpr size_t kMaxInboundCodePoints = 4096;

// Returns `text` as valid UTF-8, cut at a character boundary to kMaxInboundCodePoints.
std::string BoundedInboundText(std::string text);

}  // namespace netra
