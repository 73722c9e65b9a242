#include "webhooks/channel/split_message.h"

#include <gtest/gtest.h>

#include "base/text.h"

namespace netra {
namespace {

struct SplitCase {
  const char* name;
  std::string text;
  size_t limit;
  std::vector<std::string> parts;
};

// Cut points count UTF-16 code units, as Telegram and WhatsApp do: a character outside the BMP
// (an emoji) is two units and four bytes, é is one unit and two bytes.
TEST(SplitMessageTest, CutsAtUtf16UnitsAndPreferredBoundaries) {
  const std::vector<SplitCase> cases = {
      {"empty", "", 10, {""}},
      {"fits", "halo", 4, {"halo"}},
      {"emoji are two units", "😀😀😀", 4, {"😀😀", "😀"}},
      {"a pair is never split", "ab😀", 3, {"ab", "😀"}},
      {"two-byte characters are one unit", "éééé", 2, {"éé", "éé"}},
      {"paragraph past the middle", "aaaaaa\n\nbb cc", 10, {"aaaaaa", "bb cc"}},
      {"line before word", "aaaaaaa\nbb cc dd", 12, {"aaaaaaa", "bb cc dd"}},
      {"word boundary", "hello world again", 12, {"hello world", "again"}},
      {"a boundary before the middle is ignored", "ab cdefghijkl", 8, {"ab cdefg", "hijkl"}},
      {"emoji at the limit with a space", "😀 😀😀", 4, {"😀", "😀😀"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(SplitMessage(c.text, c.limit), c.parts);
  }
}

TEST(SplitMessageTest, EveryPartFitsAndIsValidUtf8) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += (i % 7 == 0 ? "👍🏽 " : i % 5 == 0 ? "\n" : "kata é ");
  for (size_t limit : {5u, 16u, 64u, 100u}) {
    SCOPED_TRACE(limit);
    std::vector<std::string> parts = SplitMessage(text, limit);
    ASSERT_GT(parts.size(), 1u);
    for (const auto& p : parts) {
      EXPECT_LE(Utf16Units(p, 0, p.size()), limit) << p;
      EXPECT_TRUE(IsValidUtf8(p));
    }
  }
}

}  // namespace
}  // namespace netra
