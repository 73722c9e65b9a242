#include "webhooks/channel/split_message.h"

#include "base/text.h"

namespace netra {

std::vector<std::string> SplitMessage(const std::string& text, size_t limit) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < text.size()) {
    if (Utf16Units(text, start, text.size()) <= limit) {
      parts.push_back(text.substr(start));
      break;
    }
    // The longest prefix within the limit, cut at a character boundary.
    size_t end = start, units = 0;
    while (end < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[end]);
      size_t len = Utf8SequenceLength(c);
      size_t u = len == 4 ? 2 : 1;
      if (units + u > limit) break;
      units += u;
      end += len;
    }
    size_t cut = std::string::npos;
    for (const char* sep : {"\n\n", "\n", " "}) {
      size_t at = text.rfind(sep, end - 1);
      if (at != std::string::npos && at > start + (end - start) / 2) {
        cut = at;
        break;
      }
    }
    size_t next = cut == std::string::npos ? end : cut;
    parts.push_back(text.substr(start, next - start));
    start = next;
    while (start < text.size() && (text[start] == '\n' || text[start] == ' ')) ++start;
  }
  if (parts.empty()) parts.push_back("");
  return parts;
}

}  // namespace netra
