#include "dialogs/date_parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <regex>

#include "base/text.h"

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

// The parser as it was written with std::regex, kept here as the oracle for the hand-written
// scanner on short inputs (std::regex is only unsafe on long ones).
std::string OracleMonth(const std::string& name) {
  static const std::map<std::string, int> months = {
      {"jan", 1}, {"januari", 1}, {"feb", 2}, {"februari", 2}, {"peb", 2}, {"pebruari", 2}, {"mar", 3},
      {"maret", 3}, {"apr", 4}, {"april", 4}, {"mei", 5}, {"jun", 6}, {"juni", 6}, {"jul", 7}, {"juli", 7},
      {"agu", 8}, {"agt", 8}, {"ags", 8}, {"agus", 8}, {"agustus", 8}, {"sep", 9}, {"sept", 9}, {"september", 9},
      {"okt", 10}, {"oktober", 10}, {"nov", 11}, {"nop", 11}, {"november", 11}, {"nopember", 11}, {"des", 12},
      {"desember", 12}};
  auto it = months.find(name);
  return it == months.end() ? "" : std::to_string(it->second);
}

// What the regex version recognised: "kind:fields" (the day itself is checked by the table above
// and by ParseIndonesianDate's shared Resolve), or "" when nothing matched.
std::string OracleShape(const std::string& raw) {
  std::string text = Lower(raw);
  std::smatch m;
  static const std::regex today_re(R"(^\s*(hari ini|td|tadi|barusan|baru saja|sekarang)(\s+(pagi|siang|sore|malam|ini))?\s*$)");
  static const std::regex yesterday_re(R"(^\s*(kemarin|kmrn|kmarin|kemaren|kmren|semalam)(\s+(pagi|siang|sore|malam))?\s*$)");
  static const std::regex day_before_re(R"(^\s*(kemarin lusa|lusa kemarin)\s*$)");
  static const std::regex days_ago_re(R"(^\s*(\d{1,3})\s*(hari|hr)\s*(yang\s*|yg\s*)?(lalu|yl|kemarin)\s*$)");
  static const std::regex week_ago_re(R"(^\s*(seminggu|1 minggu|satu minggu|minggu)\s*(yang\s*|yg\s*)?(lalu|kemarin)\s*$)");
  static const std::regex numeric_re(R"(^\s*(?:tgl\.?\s*|tanggal\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?\s*$)");
  static const std::regex iso_re(R"(^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$)");
  static const std::regex named_re(R"(^\s*(?:tgl\.?\s*|tanggal\s*)?(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{2,4}))?\s*$)");
  if (std::regex_match(text, today_re)) return "ago:0";
  if (std::regex_match(text, yesterday_re)) return "ago:1";
  if (std::regex_match(text, day_before_re)) return "ago:2";
  if (std::regex_match(text, m, days_ago_re)) return "ago:" + std::to_string(std::stoi(m[1]));
  if (std::regex_match(text, week_ago_re)) return "ago:7";
  if (std::regex_match(text, m, iso_re)) return "ymd:" + m[1].str() + "/" + m[2].str() + "/" + m[3].str();
  if (std::regex_match(text, m, numeric_re)) return "dmy:" + m[1].str() + "/" + m[2].str() + "/" + m[3].str();
  if (std::regex_match(text, m, named_re)) {
    std::string month = OracleMonth(m[2]);
    return month.empty() ? "" : "dmy:" + m[1].str() + "/" + month + "/" + m[3].str();
  }
  return "";
}

// The day OracleShape describes, as ParseIndonesianDate should answer it (true + ISO date).
bool OracleParse(const std::string& raw, std::string* iso) {
  std::string shape = OracleShape(raw);
  if (shape.empty()) return false;
  using namespace std::chrono;
  sys_days today{floor<days>(sys_seconds{seconds{kNow + kWibOffsetSeconds}})};
  auto iso_of = [](sys_days d) {
    year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return std::string(buf);
  };
  if (shape.rfind("ago:", 0) == 0) {
    *iso = iso_of(today - days(std::stoi(shape.substr(4))));
    return true;
  }
  int a = 0, b = 0, c = -1;
  std::string fields = shape.substr(4);
  size_t s1 = fields.find('/'), s2 = fields.find('/', s1 + 1);
  a = std::stoi(fields.substr(0, s1));
  b = std::stoi(fields.substr(s1 + 1, s2 - s1 - 1));
  if (s2 + 1 < fields.size()) c = std::stoi(fields.substr(s2 + 1));
  int d = shape[0] == 'y' ? c : a, m = b, y = shape[0] == 'y' ? a : c;
  bool year_given = y >= 0;
  if (m < 1 || m > 12) return false;
  if (year_given && y < 100) y += 2000;
  year_month_day t{today};
  if (!year_given) y = static_cast<int>(t.year());
  year_month_day ymd = year(y) / month(static_cast<unsigned>(m)) / day(static_cast<unsigned>(d));
  if (!ymd.ok()) return false;
  sys_days when{ymd};
  if (when > today && !year_given) {
    ymd = year(y - 1) / ymd.month() / ymd.day();
    if (!ymd.ok()) return false;
    when = sys_days{ymd};
  }
  if (when > today || y < 2000) return false;
  *iso = iso_of(when);
  return true;
}

// Thousands of short spellings, built from the pieces each form is made of: the hand-written
// scanner accepts exactly what the regular expressions accepted, with the same day.
TEST(DateTest, SameAnswersAsTheRegexVersion) {
  const std::vector<std::string> heads = {"", "tgl", "tgl.", "tgl. ", "tanggal", "tanggal ", "Tgl ", "tg ", "x"};
  const std::vector<std::string> cores = {
      "hari ini", "td", "tadi", "barusan", "baru saja", "sekarang", "kemarin", "kmrn", "kmarin", "kemaren", "kmren",
      "semalam", "kemarin lusa", "lusa kemarin", "kemarin  lusa", "lusa", "besok", "3 hari lalu", "3hari lalu",
      "3 hari yang lalu", "12 hr yg lalu", "5hryl", "999 hari lalu", "1000 hari lalu", "0 hari lalu", "2 hari kemarin",
      "2 hari yanglalu", "seminggu lalu", "seminggu yang lalu", "1 minggu lalu", "satu minggu kemarin", "minggu lalu",
      "minggu yg kemarin", "2 minggu lalu", "12/11", "12 / 11", "12-11-2024", "12.11.24", "12/11/2024", "1/1/2024",
      "12/11/202", "12/11/20245", "12/13", "0/11", "31/02/2024", "29/02/2024", "29/2/23", "12-11 -  2024", "123/11",
      "12//11", "12/11/", "2024-11-01", "2024-2-9", "2024-11-1", "20241-11-01", "2024/11/01", "2024-13-01",
      "12 November 2024", "12 nov", "12 nov.", "12 nov. 2024", "12 nov .", "12  nov  24", "5 agustus", "5 AGUSTUS 2023",
      "12 fooember", "12november", "12 nov 2024 x", "12 nov 99999", "1 jan 2000", "1 jan 1999", "31 des", "25/12",
      "21/11/2024", "20/11/2024", "12 Desember 2025", "kapan-kapan", "", " ", "12", "nov", "hari ini pagi",
      "hari ini ini", "tadi  sore", "kemarin malam", "kemarin ini", "sekarang juga"};
  const std::vector<std::string> tails = {"", " ", "  \t", "\n", "."};
  int compared = 0;
  for (const auto& head : heads) {
    for (const auto& core : cores) {
      for (const auto& tail : tails) {
        for (const std::string& lead : {std::string(""), std::string(" \t")}) {
          std::string input = lead + head + core + tail;
          std::string want, got;
          bool want_ok = OracleParse(input, &want);
          bool got_ok = ParseIndonesianDate(input, kNow, kWibOffsetSeconds, &got);
          EXPECT_EQ(got_ok, want_ok) << "'" << input << "'";
          if (want_ok && got_ok) {
            EXPECT_EQ(got, want) << "'" << input << "'";
          }
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 5000);
}

// Red team H5: "kemarin" + 32,000 spaces + "x" overflowed std::regex's stack. 100,000-character
// inputs of every shape now answer false at once.
TEST(DateTest, HugeInputsAnswerFalseQuickly) {
  const std::vector<std::string> inputs = {
      "kemarin" + std::string(32000, ' ') + "x",
      "kemarin" + std::string(100000, ' ') + "x",
      std::string(100000, '1'),
      "12/" + std::string(100000, '1'),
      "12" + std::string(100000, ' ') + "nov",
      "12 " + std::string(100000, 'a'),
      [] {
        std::string s;
        while (s.size() < 100000) s += "tanggal ";
        return s + "12/11";
      }(),
      [] {
        std::string s;
        while (s.size() < 100000) s += "3 hari yang ";
        return s + "lalu";
      }(),
  };
  for (const auto& input : inputs) {
    std::string iso = "unchanged";
    auto start = std::chrono::steady_clock::now();
    bool ok = ParseIndonesianDate(input, kNow, kWibOffsetSeconds, &iso);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_FALSE(ok) << input.substr(0, 20);
    EXPECT_EQ(iso, "unchanged");
    EXPECT_LT(ms.count(), 500) << input.substr(0, 20);
  }
  // Long white space around a date is still only white space.
  std::string iso;
  EXPECT_TRUE(ParseIndonesianDate(std::string(100000, ' ') + "kemarin" + std::string(100000, '\n'), kNow,
                                  kWibOffsetSeconds, &iso));
  EXPECT_EQ(iso, "2024-11-19");
}

TEST(DateTest, TodayFollowsWibNotUtc) {
  // 2024-11-19 18:30 UTC is already 2024-11-20 01:30 WIB.
  std::string iso;
  ASSERT_TRUE(ParseIndonesianDate("hari ini", 1732041000, kWibOffsetSeconds, &iso));
  EXPECT_EQ(iso, "2024-11-20");
}

}  // namespace
}  // namespace netra
