// Fuzzes MaskPersonalData with the input as free text: it must not crash, overflow its stack or
// take long (libFuzzer's -timeout), whatever the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "privacy/redaction.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  netra::MaskPersonalData(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
