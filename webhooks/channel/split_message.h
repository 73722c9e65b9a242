// SplitMessage: long replies cut into the parts a provider accepts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace netra {

// Splits text into parts of at most `limit` UTF-16 code units, preferring paragraph, then line,
// then word boundaries, never inside a UTF-8 sequence.
std::vector<std::string> SplitMessage(const std::string& text, size_t limit);

}  // namespace netra
