#include "webhooks/channel/inbound_text.h"

#include "base/text.h"

namespace netra {

std::string BoundedInboundText(std::string text) {
  if (text.size() <= kMaxInboundCodePoints && IsValidUtf8(text)) return text;
  return Utf8Prefix(SanitizeUtf8(text), kMaxInboundCodePoints);
}

}  // namespace netra
