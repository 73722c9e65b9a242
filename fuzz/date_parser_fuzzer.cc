// Fuzzes ParseIndonesianDate with the input as the tipster's text, at a few fixed moments (a
// plain day, New Year's night in WIB, the day after a leap day). A day it returns must be a
// well-formed ISO date and never after today.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "dialogs/date_parser.h"

namespace {

void Fail(const char* what, const std::string& text, const std::string& iso) {
  std::fprintf(stderr, "date_parser_fuzzer: %s: \"%s\" -> \"%s\"\n", what, text.c_str(), iso.c_str());
  std::abort();
}

bool WellFormed(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  struct Moment {
    int64_t now;
    const char* today;  // in WIB
  };
  static const Moment moments[] = {
      {1731646800, "2024-11-15"},  // 2024-11-15 05:00 UTC
      {1735666200, "2025-01-01"},  // 2024-12-31 17:30 UTC
      {1709251200, "2024-03-01"},  // 2024-03-01 00:00 UTC
  };
  for (const Moment& m : moments) {
    std::string iso;
    if (!netra::ParseIndonesianDate(text, m.now, netra::kWibOffsetSeconds, &iso)) continue;
    if (!WellFormed(iso)) Fail("malformed date", text, iso);
    if (iso > m.today) Fail("date in the future", text, iso);
  }
  return 0;
}
