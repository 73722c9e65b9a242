// ChatAddress: one person on one channel, {"telegram", "1001"}. Written "channel:id" in
// configuration, the command line and reviewer commands.
#pragma once

#include <string>

namespace netra {

struct ChatAddress {
  std::string channel;  // "telegram" or "whatsapp"
  std::string id;       // the provider's user or chat id
  bool operator==(const ChatAddress&) const = default;
  bool empty() const { return channel.empty() || id.empty(); }
  // "channel:id".
  std::string ToString() const { return channel + ":" + id; }
};

// Reads "channel:id" (telegram or whatsapp, a numeric id). Returns true and fills *out when the
// text is one; false otherwise.
bool ParseChatAddress(const std::string& text, ChatAddress* out);

}  // namespace netra
