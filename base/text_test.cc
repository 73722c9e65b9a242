#include "base/text.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace netra {
namespace {

struct PrefixCase {
  const char* input;
  size_t max;
  const char* prefix;
  const char* with_ellipsis;
};

class Utf8PrefixTest : public ::testing::TestWithParam<PrefixCase> {};
TEST_P(Utf8PrefixTest, CutsAtCharacterBoundaries) {
  const PrefixCase& c = GetParam();
  std::string prefix = Utf8Prefix(c.input, c.max);
  EXPECT_EQ(prefix, c.prefix);
  EXPECT_TRUE(IsValidUtf8(prefix)) << c.input;
  std::string cut = Utf8PrefixWithEllipsis(c.input, c.max);
  EXPECT_EQ(cut, c.with_ellipsis);
  EXPECT_TRUE(IsValidUtf8(cut)) << c.input;
  EXPECT_LE(CodePoints(cut), c.max);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8PrefixTest,
    ::testing::Values(PrefixCase{"", 5, "", ""}, PrefixCase{"abc", 0, "", ""}, PrefixCase{"abc", 3, "abc", "abc"},
                      PrefixCase{"abcd", 3, "abc", "ab…"}, PrefixCase{"ab – cd", 4, "ab –", "ab…"},
                      PrefixCase{"ab–cd", 3, "ab–", "ab…"}, PrefixCase{"Kec. Cibinong – Kab. Bogor", 15,
                                                                      "Kec. Cibinong –", "Kec. Cibinong…"},
                      PrefixCase{"🗳️🗳️", 1, "🗳", "…"},
                      PrefixCase{"Désa Cibodas", 2, "Dé", "D…"}, PrefixCase{"日本語", 2, "日本", "日…"}));

// The report that broke /antrian: the en dash of this place straddles byte 40.
TEST(Utf8PrefixTest, RedTeamPlaceKeepsTheDashWhole) {
  const std::string place = "Lapangan Desa Sukamaju, Kec. Cibinong – Kab. Bogor";
  ASSERT_EQ(place.substr(38, 3), "–");  // bytes 38..40
  EXPECT_FALSE(IsValidUtf8(place.substr(0, 40)));  // what the old code produced
  std::string cut = Utf8Prefix(place, 40);
  EXPECT_TRUE(IsValidUtf8(cut));
  EXPECT_EQ(cut, "Lapangan Desa Sukamaju, Kec. Cibinong – ");
  EXPECT_EQ(Utf8PrefixWithEllipsis(place, 40), "Lapangan Desa Sukamaju, Kec. Cibinong –…");
}

// Every prefix length of mixed text is valid UTF-8 and as long as allowed.
TEST(Utf8PrefixTest, EveryLengthOfMixedText) {
  const std::string text = "a–é🗳日 b\xE2\x80\x91" "c";
  for (size_t n = 0; n <= CodePoints(text) + 1; ++n) {
    std::string p = Utf8Prefix(text, n);
    EXPECT_TRUE(IsValidUtf8(p)) << n;
    EXPECT_EQ(CodePoints(p), std::min(n, CodePoints(text))) << n;
    EXPECT_EQ(text.compare(0, p.size(), p), 0) << n;
  }
}

struct SanitizeCase {
  std::string input;
  std::string expected;
};

class SanitizeUtf8Test : public ::testing::TestWithParam<SanitizeCase> {};
TEST_P(SanitizeUtf8Test, ReplacesInvalidBytes) {
  std::string out = SanitizeUtf8(GetParam().input);
  EXPECT_EQ(out, GetParam().expected);
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(IsValidUtf8(GetParam().input), out == GetParam().input);
}

const std::string kFffd = "\xEF\xBF\xBD";

INSTANTIATE_TEST_SUITE_P(
    Table, SanitizeUtf8Test,
    ::testing::Values(SanitizeCase{"", ""}, SanitizeCase{"plain ascii", "plain ascii"},
                      SanitizeCase{"Cibinong – Bogor 🗳️ é 日", "Cibinong – Bogor 🗳️ é 日"},
                      SanitizeCase{"a\xFF" "b", "a" + kFffd + "b"},                    // never valid
                      SanitizeCase{"\xFE\xFF", kFffd + kFffd},                          // UTF-16 BOM bytes
                      SanitizeCase{"x\xE2\x80", "x" + kFffd + kFffd},                   // cut dash at the end
                      SanitizeCase{"\xE2\x80 y", kFffd + kFffd + " y"},                 // cut dash inside
                      SanitizeCase{"\x80\xBF", kFffd + kFffd},                          // lone continuations
                      SanitizeCase{"\xC0\xAF", kFffd + kFffd},                          // overlong '/'
                      SanitizeCase{"\xE0\x80\xAF", kFffd + kFffd + kFffd},              // overlong '/'
                      SanitizeCase{"\xED\xA0\x80", kFffd + kFffd + kFffd},              // surrogate U+D800
                      SanitizeCase{"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},  // above U+10FFFF
                      SanitizeCase{"\xF0\x9F\x97", kFffd + kFffd + kFffd},              // cut emoji
                      SanitizeCase{"\xC3\xA9\xC3", "\xC3\xA9" + kFffd},                 // é then a cut é
                      SanitizeCase{std::string("nul\0ok", 6), std::string("nul\0ok", 6)},  // NUL is valid
                      SanitizeCase{"\xEF\xBF\xBD", "\xEF\xBF\xBD"}));                   // U+FFFD itself

TEST(SanitizeUtf8Test, LongInvalidInputIsLinear) {
  std::string bad(100000, '\xE2');
  std::string out = SanitizeUtf8(bad);
  EXPECT_EQ(out.size(), 300000u);
  EXPECT_TRUE(IsValidUtf8(out));
}

TEST(CodePointsTest, CountsCharactersNotBytes) {
  EXPECT_EQ(CodePoints(""), 0u);
  EXPECT_EQ(CodePoints("ab–é🗳"), 5u);
}

}  // namespace
}  // namespace netra
