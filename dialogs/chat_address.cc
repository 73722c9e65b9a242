#include "dialogs/chat_address.h"

#include <algorithm>
#include <cctype>

namespace netra {

bool SplitChatAddress(const std::string& text, ChatAddress* out) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  *out = {text.substr(0, colon), text.substr(colon + 1)};
  return true;
}

bool ParseChatAddress(const std::string& text, ChatAddress* out) {
  size_t colon = text.find(':');
  if (colon == std::string::npos) return false;
  std::string channel = text.substr(0, colon), id = text.substr(colon + 1);
  bool digits = !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
  if ((channel != "telegram" && channel != "whatsapp") || !digits) return false;
  *out = {channel, id};
  return true;
}

}  // namespace netra
