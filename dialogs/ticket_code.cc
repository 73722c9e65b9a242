#include "dialogs/ticket_code.h"

#include <cstdint>
#include <cstring>

#include "privacy/crypto.h"

namespace netra {
namespace {

const char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string Grouped(const std::string& raw) {
  return raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4);
}

}  // namespace

std::string NewTicketCode() {
  uint64_t bits = 0;
  for (unsigned char c : RandomBytes(8)) bits = (bits << 8) | c;
  std::string raw;
  for (int i = 0; i < 12; ++i) {
    raw.push_back(kCrockford[bits & 31]);
    bits >>= 5;
  }
  return Grouped(raw);
}

std::string NormalizeTicketCode(const std::string& text) {
  std::string raw;
  for (unsigned char c : text) {
    if (c == '-' || c == ' ') continue;
    char u = static_cast<char>(std::toupper(c));
    if (u == 'O') u = '0';
    if (u == 'I' || u == 'L') u = '1';
    if (u == '\0' || !std::strchr(kCrockford, u)) return "";
    raw.push_back(u);
  }
  return raw.size() == 12 ? Grouped(raw) : "";
}

}  // namespace netra
