// Small text helpers shared across Netra: ASCII case, trimming, UTF-8 lengths as chat providers
// count them, cutting UTF-8 at character boundaries, and repairing invalid UTF-8.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

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
inline size_t CodePoints(std::string_view s) {
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

// The longest prefix of `s` with at most `max_code_points` characters. It never cuts inside a
// character: the cut always falls before a byte that is not a UTF-8 continuation byte.
inline std::string Utf8Prefix(std::string_view s, size_t max_code_points) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == max_code_points) return std::string(s.substr(0, i));
  }
  return std::string(s);
}

// `s` itself when it has at most `max_code_points` characters; otherwise its first
// `max_code_points - 1` characters (trailing spaces dropped) followed by "…".
inline std::string Utf8PrefixWithEllipsis(std::string_view s, size_t max_code_points) {
  if (CodePoints(s) <= max_code_points) return std::string(s);
  if (max_code_points == 0) return "";
  std::string out = Utf8Prefix(s, max_code_points - 1);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\n' || out.back() == '\r')) {
    out.pop_back();
  }
  return out + "…";
}

// Decodes the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF). Returns its byte length and sets *cp, or returns 0 when the bytes at
// s[i] do not start a well-formed sequence.
inline size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  char32_t v;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = byte(i + k);
    if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  *cp = v;
  return len;
}

// True when `s` is well-formed UTF-8.
inline bool IsValidUtf8(std::string_view s) {
  char32_t cp;
  for (size_t i = 0; i < s.size();) {
    size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// `s` with every byte that does not belong to a well-formed UTF-8 sequence replaced by U+FFFD
// ("�"), one replacement per bad byte; well-formed text comes back unchanged. Apply it where user
// text enters (the channel parsers) so that nothing downstream meets invalid UTF-8.
inline std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t cp;
  for (size_t i = 0; i < s.size();) {
    size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace netra
