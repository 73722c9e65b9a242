// Small text helpers shared across Netra: ASCII case, trimming, and UTF-8 lengths as chat
// providers count them.
#pragma once

#include <cstddef>
#include <string>

namespace netra {

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Without leading and trailing spaces, tabs and line breaks.
inline std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The byte length of the UTF-8 sequence that starts with `lead`.
inline size_t Utf8SequenceLength(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// Characters (code points) in UTF-8 text: WhatsApp's and the dialogs' measure.
inline size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// UTF-16 code units in s[begin, end): Telegram's measure (characters above U+FFFF count twice).
inline size_t Utf16Units(const std::string& s, size_t begin = 0, size_t end = std::string::npos) {
  if (end > s.size()) end = s.size();
  size_t n = 0;
  for (size_t i = begin; i < end;) {
    size_t len = Utf8SequenceLength(static_cast<unsigned char>(s[i]));
    n += len == 4 ? 2 : 1;
    i += len;
  }
  return n;
}

}  // namespace netra
