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
  // "channel:id"; "" when empty.
  std::string ToString() const { return empty() ? std::string() : channel + ":" + id; }
};

// Reads "channel:id" as ToString() writes it, for any channel and id (a stored return route, a
// terminal operator). Returns true and fills *out when both parts are non-empty; false otherwise.
bool SplitChatAddress(const std::string& text, ChatAddress* out);

// Reads "channel:id" (telegram or whatsapp, a numeric id), as typed by people. Returns true and fills *out when the
// text is one; false otherwise.
bool ParseChatAddress(const std::string& text, ChatAddress* out);

}  // namespace netra
