#include "bot/redaction.h"

#include <regex>

namespace netra {

std::string MaskPersonalData(std::string_view text) {
  static const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)");
  // NIK: 16 digits, possibly typed in groups ("3201 0123 4567 8901").
  static const std::regex nik(R"((^|[^0-9])([0-9][ .-]?){15}[0-9](?![0-9]))");
  // Phones: +62 / 62 / 0 then 8, then 7-12 more digits, possibly grouped with spaces, dots or dashes.
  static const std::regex phone(R"((\+ ?62|\b62|\b0)[ .-]?8([ .-]?[0-9]){7,12}(?![0-9]))");
  std::string out(text);
  out = std::regex_replace(out, email, "[email]");
  out = std::regex_replace(out, nik, "$1[NIK]");
  out = std::regex_replace(out, phone, "[nomor telepon]");
  return out;
}

}  // namespace netra
