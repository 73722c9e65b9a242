#include "bot/redaction.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

class MaskTest : public ::testing::TestWithParam<Case> {};
TEST_P(MaskTest, Masks) { EXPECT_EQ(MaskPersonalData(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, MaskTest,
    ::testing::Values(
        Case{"hubungi 081234567890 ya", "hubungi [nomor telepon] ya"},
        Case{"wa +62 812-3456-7890", "wa [nomor telepon]"},
        Case{"nomor 6281234567890.", "nomor [nomor telepon]."},
        Case{"0812 3456 789", "[nomor telepon]"},
        Case{"email budi.s+1@dinas.go.id ok", "email [email] ok"},
        Case{"NIK 3201012345678901", "NIK [NIK]"},
        Case{"nik: 3201 0123 4567 8901!", "nik: [NIK]!"},
        Case{"tanggal 12/11/2024 jam 10.30", "tanggal 12/11/2024 jam 10.30"},
        Case{"paslon nomor 2 di TPS 05", "paslon nomor 2 di TPS 05"},
        Case{"Rp 1.500.000", "Rp 1.500.000"},
        Case{"", ""}));

}  // namespace
}  // namespace netra
