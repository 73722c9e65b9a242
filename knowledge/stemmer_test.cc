#include "knowledge/stemmer.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

struct Pair {
  const char* a;
  const char* b;
};

// Words that must reach the same stem once their roots are known.
class SameStemTest : public ::testing::TestWithParam<Pair> {};
TEST_P(SameStemTest, Agree) {
  IndonesianStemmer s;
  for (const char* root : {"kirim", "pakai", "kampanye", "pasang", "sebar", "tulis", "pilih", "calon", "dukung",
                           "ajak", "unggah", "bagi", "foto", "tonton"}) {
    s.AddRootSource(root);
  }
  EXPECT_EQ(s.Stem(GetParam().a), s.Stem(GetParam().b)) << GetParam().a << " vs " << GetParam().b;
}
INSTANTIATE_TEST_SUITE_P(Table, SameStemTest,
                         ::testing::Values(Pair{"pengiriman", "kirim"}, Pair{"memakai", "pakai"},
                                           Pair{"dipakai", "pakai"}, Pair{"berkampanye", "kampanye"},
                                           Pair{"memasang", "pasang"}, Pair{"menyebarkan", "sebar"},
                                           Pair{"menulis", "tulis"}, Pair{"memilih", "pilih"},
                                           Pair{"mencalonkan", "calon"}, Pair{"mendukung", "dukung"},
                                           Pair{"mengajak", "ajak"}, Pair{"mengunggah", "unggah"},
                                           Pair{"membagikan", "bagi"}, Pair{"menonton", "tonton"}));

TEST(StemmerTest, UnknownRootsFallBackToSnowball) {
  IndonesianStemmer s;
  EXPECT_EQ(s.Stem("perjalanan"), s.Stem("perjalanan"));
  EXPECT_FALSE(s.Stem("kampanye").empty());
}

}  // namespace
}  // namespace netra
