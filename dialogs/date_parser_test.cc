#include "dialogs/date_parser.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

// 2024-11-20 10:00 WIB = 03:00 UTC.
constexpr int64_t kNow = 1732071600;

struct Case {
  const char* input;
  const char* expected;  // "" = refused
};

class DateTest : public ::testing::TestWithParam<Case> {};
TEST_P(DateTest, Parses) {
  std::string iso;
  bool ok = ParseIndonesianDate(GetParam().input, kNow, kWibOffsetSeconds, &iso);
  if (std::string(GetParam().expected).empty()) {
    EXPECT_FALSE(ok) << GetParam().input << " -> " << iso;
  } else {
    ASSERT_TRUE(ok) << GetParam().input;
    EXPECT_EQ(iso, GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateTest,
    ::testing::Values(Case{"hari ini", "2024-11-20"}, Case{"tadi pagi", "2024-11-20"}, Case{"Tadi", "2024-11-20"},
                      Case{"kemarin", "2024-11-19"}, Case{"kmrn sore", "2024-11-19"},
                      Case{"kemarin lusa", "2024-11-18"}, Case{"3 hari lalu", "2024-11-17"},
                      Case{"2 hari yang lalu", "2024-11-18"}, Case{"minggu lalu", "2024-11-13"},
                      Case{"12/11", "2024-11-12"}, Case{"12-11-2024", "2024-11-12"}, Case{"12/11/24", "2024-11-12"},
                      Case{"12 November 2024", "2024-11-12"}, Case{"12 nov", "2024-11-12"},
                      Case{"tanggal 5 agustus", "2024-08-05"}, Case{"2024-11-01", "2024-11-01"},
                      Case{"25/12", "2023-12-25"},            // later this year: last year
                      Case{"21/11/2024", ""},                 // tomorrow
                      Case{"12 Desember 2025", ""},           // future
                      Case{"31/02/2024", ""}, Case{"12/13", ""}, Case{"besok", ""}, Case{"kapan-kapan", ""},
                      Case{"12 Fooember", ""}, Case{"", ""}));

TEST(DateTest, TodayFollowsWibNotUtc) {
  // 2024-11-19 18:30 UTC is already 2024-11-20 01:30 WIB.
  std::string iso;
  ASSERT_TRUE(ParseIndonesianDate("hari ini", 1732041000, kWibOffsetSeconds, &iso));
  EXPECT_EQ(iso, "2024-11-20");
}

}  // namespace
}  // namespace netra
