#include "knowledge/normalizer.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

Lexicon SmallLexicon() {
  Lexicon lx;
  lx.slang = {{"sy", {"saya"}}, {"gak", {"tidak"}}, {"dtg", {"datang"}}, {"min", {}},
              {"timses", {"tim", "sukses"}}, {"pns", {"pns"}}};
  lx.synonyms = {{"pns", {"asn"}}, {"pegawai negeri", {"asn"}}, {"paslon", {"calon"}},
                 {"tim kampanye", {"tim", "sukses"}}};
  lx.stopwords = {"saya", "boleh", "tidak", "yang", "di"};
  lx.smalltalk = {{"halo", "greeting"}, {"terima kasih", "thanks"}};
  return lx;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

struct Case {
  const char* input;
  const char* expected;
};

class SurfaceTest : public ::testing::TestWithParam<Case> {};
TEST_P(SurfaceTest, Normalises) {
  Normalizer n(SmallLexicon());
  EXPECT_EQ(Joined(n.Surface(GetParam().input)), GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(Table, SurfaceTest,
                         ::testing::Values(Case{"Bolehhh GAK??", "boleh gak"},
                                           Case{"bagi2 amplop", "bagi amplop"},
                                           Case{"bagi-bagi sembako", "bagi sembako"},
                                           Case{"paslon no 2, ok!", "paslon no 2 ok"},
                                           Case{"saat maaf", "saat maaf"},  // doubled letters stay
                                           Case{"emoji 👍 di tengah", "emoji di tengah"},
                                           Case{"", ""}, Case{"!!!", ""}));

class StandardTest : public ::testing::TestWithParam<Case> {};
TEST_P(StandardTest, ExpandsSlangAndSynonyms) {
  Normalizer n(SmallLexicon());
  n.LearnVocabulary("kampanye calon datang");
  EXPECT_EQ(Joined(n.Standard(GetParam().input)), GetParam().expected);
}
INSTANTIATE_TEST_SUITE_P(Table, StandardTest,
                         ::testing::Values(Case{"min sy pns gak dtg", "saya asn tidak datang"},
                                           Case{"pegawai negeri jadi timses", "asn jadi tim sukses"},
                                           Case{"masuk tim kampanye paslon", "masuk tim sukses calon"},
                                           Case{"kampanyee", "kampanye"},   // extra letter
                                           Case{"kampnye", "kampanye"},     // missing letter
                                           Case{"kampamye", "kampanye"},    // substituted letter
                                           Case{"kapmanye", "kampanye"},    // swapped letters
                                           Case{"gakk", "tidak"},           // doubled by accident
                                           Case{"calo", "calo"}));          // too short to repair

TEST(NormalizerTest, TermsDropStopwordsAndStem) {
  Normalizer n(SmallLexicon());
  n.LearnVocabulary("kampanye calon datang pilih");
  EXPECT_EQ(Joined(n.Terms("Sy PNS boleh gak dtg ke kampanye paslon?")), "asn datang ke kampanye calon");
  EXPECT_EQ(n.Terms("memilih"), n.Terms("pilih"));
}

TEST(NormalizerTest, SmallTalkMatchesWholeMessagesOnly) {
  Normalizer n(SmallLexicon());
  EXPECT_EQ(n.SmallTalk("Halooo!"), "greeting");
  EXPECT_EQ(n.SmallTalk("halo min"), "greeting");
  EXPECT_EQ(n.SmallTalk("Terima kasih."), "thanks");
  EXPECT_EQ(n.SmallTalk("halo, boleh ikut kampanye?"), "");
  EXPECT_EQ(n.SmallTalk(""), "");
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

// Vowel-dropped chat spellings become the knowledge base's word with the same consonant skeleton;
// real words and ordinary short words are left alone.
TEST(SkeletonTest, VowelDroppedSpellingsExpandToKnownWords) {
  Lexicon lx;
  lx.stopwords = {"boleh"};
  Normalizer n(std::move(lx));
  n.LearnVocabulary("ikut kampanye lapor dasar hukum boleh kampanye pakai kaos");
  n.LearnVocabulary("kampus kampanye");  // "kmpny" stays kampanye: the more frequent word wins
  n.Freeze();
  struct {
    const char* input;
    const char* expected;
  } cases[] = {
      {"ikt kmpnye", "ikut kampanye"}, {"mo lpr", "mo lapor"},     {"dsr hkm", "dasar hukum"},
      {"blh pke kaos", "boleh pakai kaos"}, {"kmpny", "kampanye"}, {"xyz", "xyz"},  // no such skeleton
      {"pk", "pk"},  // too short to tell
      {"kampus", "kampus"},  // a known word is never rewritten
  };
  for (const auto& c : cases) {
    std::string got;
    for (const auto& w : n.Standard(c.input)) got += (got.empty() ? "" : " ") + w;
    EXPECT_EQ(got, c.expected) << c.input;
  }
}

}  // namespace
}  // namespace netra
