#include "privacy/redaction.h"

#include <gtest/gtest.h>

#include <chrono>

#include "base/text.h"

namespace netra {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

class MaskTest : public ::testing::TestWithParam<Case> {};
TEST_P(MaskTest, Masks) {
  std::string out = MaskPersonalData(GetParam().input);
  EXPECT_EQ(out, GetParam().expected) << GetParam().input;
  EXPECT_EQ(MaskPersonalData(out), out) << "masking twice changes nothing";
}

const std::string kPhone = "[nomor telepon]";

// How people write phone numbers (red team M5): every one of these is masked.
INSTANTIATE_TEST_SUITE_P(
    Phones, MaskTest,
    ::testing::Values(
        // Mobiles, plain and grouped.
        Case{"hubungi 081234567890 ya", "hubungi " + kPhone + " ya"},
        Case{"0812 3456 789", kPhone},
        Case{"0813 7778 8899", kPhone},
        Case{"0813-7778-8899", kPhone},
        Case{"0813.7778.8899", kPhone},
        Case{"0813 - 7778 - 8899", kPhone},
        Case{"0813\xE2\x80\x91" "7778\xE2\x80\x91" "8899", kPhone},    // U+2011 non-breaking hyphen
        Case{"0813\xE2\x80\x93" "7778\xE2\x80\x93" "8899", kPhone},    // U+2013 en dash
        Case{"0813\xE2\x80\x94" "7778\xE2\x80\x94" "8899", kPhone},    // U+2014 em dash
        Case{"0813\xE2\x88\x92" "7778\xE2\x88\x92" "8899", kPhone},    // U+2212 minus sign
        Case{"0813\xC2\xA0" "7778\xC2\xA0" "8899", kPhone},            // no-break spaces
        Case{"0813\xE2\x80\x8B" "7778" "\xE2\x80\x8B" "8899", kPhone},  // zero-width spaces
        Case{"０８１３７７７８８８９９", kPhone},                      // full-width digits
        Case{"０８１３－７７７８－８８９９", kPhone},                  // full-width digits and dashes
        Case{"(0813) 7778 8899", kPhone},
        Case{"(0813)77788899", kPhone},
        // With the country code.
        Case{"wa +62 812-3456-7890", "wa " + kPhone},
        Case{"+6281377788899", kPhone},
        Case{"+62 813 7778 8899", kPhone},
        Case{"+62-813-7778-8899", kPhone},
        Case{"+62 (813) 7778-8899", kPhone},
        Case{"(+62) 813 7778 8899", kPhone},
        Case{"+62 (0)813 7778 8899", kPhone},
        Case{"+62 0813 7778 8899", kPhone},
        Case{"＋６２ ８１３ ７７７８ ８８９９", kPhone},
        Case{"nomor 6281234567890.", "nomor " + kPhone + "."},
        Case{"62 813 7778 8899", kPhone},
        Case{"62-813-7778-8899", kPhone},
        Case{"wa.me/6281377788899", "wa.me/" + kPhone},
        Case{"+60 12-345 6789 (Malaysia)", kPhone + " (Malaysia)"},
        // Glued to a word or a label.
        Case{"hp081377788899", "hp" + kPhone},
        Case{"HP0813-7778-8899", "HP" + kPhone},
        Case{"wa:0813 7778 8899", "wa:" + kPhone},
        Case{"WA: 081377788899", "WA: " + kPhone},
        Case{"telp.0813-7778-8899", "telp." + kPhone},
        Case{"no.hp:+6281377788899", "no.hp:" + kPhone},
        Case{"8137778899", kPhone},  // the leading 0 left out
        // Landlines.
        Case{"(021) 555 1234", kPhone},
        Case{"021-5551234", kPhone},
        Case{"021 5551234", kPhone},
        Case{"0274 123456", kPhone},
        Case{"(0274) 123-456", kPhone},
        Case{"+62 21 5551234", kPhone},
        Case{"+62 (21) 555-1234", kPhone},
        Case{"kantor 0215551234 ext", "kantor " + kPhone + " ext"},
        // Several in one text.
        Case{"0813 7778 8899 atau 0812-3456-7890", kPhone + " atau " + kPhone},
        Case{"0813 7778 8899 0812 3456 7890", kPhone + " " + kPhone},
        Case{"hp 0813 7778 8899, kantor (021) 555 1234.", "hp " + kPhone + ", kantor " + kPhone + "."}));

INSTANTIATE_TEST_SUITE_P(
    Emails, MaskTest,
    ::testing::Values(Case{"email budi.s+1@dinas.go.id ok", "email [email] ok"},
                      Case{"kartini.w@gmail.com", "[email]"},
                      Case{"Kirim ke Kartini.W@Gmail.COM. Terima kasih", "Kirim ke [email]. Terima kasih"},
                      Case{"kartini.w @ gmail . com", "[email]"},
                      Case{"kartini.w@ gmail.com", "[email]"},
                      Case{"kartini (at) gmail (dot) com", "[email]"},
                      Case{"kartini(at)gmail(dot)com", "[email]"},
                      Case{"kartini [at] gmail [dot] com", "[email]"},
                      Case{"kartini [at] gmail.com", "[email]"},
                      Case{"kartini{at}yahoo{dot}co{dot}id", "[email]"},
                      Case{"kartini at gmail dot com", "[email]"},
                      Case{"kartini (at) dinas (titik) go (titik) id", "[email]"},
                      Case{"kartini＠gmail．com", "[email]"},  // full-width @ and .
                      Case{"surel: kartini.w @ yahoo . co . id!", "surel: [email]!"},
                      Case{"(kartini@gmail.com)", "([email])"},
                      Case{"budi0812345678@gmail.com", "[email]"}));

INSTANTIATE_TEST_SUITE_P(
    Niks, MaskTest,
    ::testing::Values(Case{"NIK 3201012345678901", "NIK [NIK]"},
                      Case{"nik: 3201 0123 4567 8901!", "nik: [NIK]!"},
                      Case{"NIK 3201-0123-4567-8901", "NIK [NIK]"},
                      Case{"NIK 3201.0123.4567.8901", "NIK [NIK]"},
                      Case{"NIK 320101 120590 0001", "NIK [NIK]"},
                      Case{"NIK３２０１０１２３４５６７８９０１", "NIK[NIK]"},
                      Case{"KTP:3201012345678901.", "KTP:[NIK]."},
                      Case{"NIK 3201012345678901 dan 3202012345678902", "NIK [NIK] dan [NIK]"}));

// Numbers that are no personal data stay as typed, the NIP of a reported civil servant included.
INSTANTIATE_TEST_SUITE_P(
    Kept, MaskTest,
    ::testing::Values(
        Case{"NIP 19850312 201001 1 005", "NIP 19850312 201001 1 005"},
        Case{"NIP: 198503122010011005", "NIP: 198503122010011005"},
        Case{"NIP 19850312.201001.1.005", "NIP 19850312.201001.1.005"},
        Case{"NIP 19850312 201001 2 005 dan hp 0813 7778 8899", "NIP 19850312 201001 2 005 dan hp " + kPhone},
        Case{"tanggal 12/11/2024 jam 10.30", "tanggal 12/11/2024 jam 10.30"},
        Case{"12-11-2024 08.30", "12-11-2024 08.30"},
        Case{"08-12-2024 10.30", "08-12-2024 10.30"},
        Case{"08 12 2024 pukul 08.00-10.00 WIB", "08 12 2024 pukul 08.00-10.00 WIB"},
        Case{"2024-11-12T08:30", "2024-11-12T08:30"},
        Case{"paslon nomor 2 di TPS 05", "paslon nomor 2 di TPS 05"},
        Case{"Rp 1.500.000", "Rp 1.500.000"},
        Case{"Rp 50.000 per orang", "Rp 50.000 per orang"},
        Case{"Rp 850.000.000", "Rp 850.000.000"},
        Case{"Rp8500000000", "Rp8500000000"},
        Case{"Rp. 1.500.000.000.000.000", "Rp. 1.500.000.000.000.000"},
        Case{"dana 1.500.000.000.000.000", "dana 1.500.000.000.000.000"},
        Case{"IDR 8,500,000", "IDR 8,500,000"},
        Case{"tahun 2024, sejak 1998", "tahun 2024, sejak 1998"},
        Case{"kode 7KQ2-M9XD-R4TB", "kode 7KQ2-M9XD-R4TB"},
        Case{"/status 7KQ2-M9XD-R4TB", "/status 7KQ2-M9XD-R4TB"},
        Case{"pukul 14.30 sampai 16:45", "pukul 14.30 sampai 16:45"},
        Case{"RT 05 RW 03, kode pos 16911", "RT 05 RW 03, kode pos 16911"},
        Case{"62 orang hadir, 800 kaos, 8 bus", "62 orang hadir, 800 kaos, 8 bus"},
        Case{"suara 0,81 persen", "suara 0,81 persen"},
        Case{"@camat_sukamaju di instagram", "@camat_sukamaju di instagram"},
        Case{"ketemu at balai desa", "ketemu at balai desa"},
        Case{"https://x.com/camat/status/1790123456789012345", "https://x.com/camat/status/1790123456789012345"},
        Case{"Lapangan Desa Sukamaju, Kec. Cibinong – Kab. Bogor", "Lapangan Desa Sukamaju, Kec. Cibinong – Kab. Bogor"},
        Case{"", ""}));

TEST(MaskTest, InvalidUtf8PassesThroughUntouched) {
  std::string text = "a\xFF\xE2\x80 0813 7778 8899 \xC3";
  EXPECT_EQ(MaskPersonalData(text), "a\xFF\xE2\x80 " + kPhone + " \xC3");
}

// Red team H5: an 8,000-character reviewer reason and 32,000-character messages overflowed
// std::regex's stack. Now every shape of long input is masked in linear time.
TEST(MaskTest, LongInputsAreFastAndSafe) {
  auto repeat = [](const std::string& unit, size_t size) {
    std::string s;
    while (s.size() < size) s += unit;
    return s;
  };
  const std::vector<std::string> inputs = {
      "/status 7KQ2-M9XD-R4TB diproses " + repeat("x.", 8000),
      repeat("x.", 32000),
      std::string(32000, 'a'),
      std::string(100000, '0'),
      std::string(100000, '8'),
      repeat("0 ", 100000),
      repeat("0813 ", 100000),
      repeat("+62 ", 100000),
      repeat("(", 100000),
      repeat("a@", 100000),
      repeat("a.", 50000) + "@" + repeat("b.", 50000),
      repeat("a (at) ", 100000),
      repeat("a ", 50000) + "at" + repeat(" dot a", 20000),
      repeat("3201 ", 100000),
      repeat("–", 100000),
      repeat("０", 100000),
      repeat("hp081377788899 ", 100000),
  };
  for (const auto& input : inputs) {
    auto start = std::chrono::steady_clock::now();
    std::string out = MaskPersonalData(input);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_LT(ms.count(), 2000) << input.substr(0, 20);  // quadratic would take minutes
    EXPECT_TRUE(IsValidUtf8(out));
  }
  std::string many = repeat("hp081377788899 ", 32000);
  std::string masked = MaskPersonalData(many);
  EXPECT_EQ(masked.find("0813"), std::string::npos);
}

}  // namespace
}  // namespace netra
