#include "dialogs/date_parser.h"
#include "bot/text.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <regex>

namespace netra {
namespace {

using std::chrono::year_month_day;
using std::chrono::sys_days;

int MonthNumber(const std::string& name) {
  static const std::map<std::string, int> months = {
      {"jan", 1}, {"januari", 1}, {"feb", 2}, {"februari", 2}, {"peb", 2}, {"pebruari", 2}, {"mar", 3},
      {"maret", 3}, {"apr", 4}, {"april", 4}, {"mei", 5}, {"jun", 6}, {"juni", 6}, {"jul", 7}, {"juli", 7},
      {"agu", 8}, {"agt", 8}, {"ags", 8}, {"agus", 8}, {"agustus", 8}, {"sep", 9}, {"sept", 9}, {"september", 9},
      {"okt", 10}, {"oktober", 10}, {"nov", 11}, {"nop", 11}, {"november", 11}, {"nopember", 11}, {"des", 12},
      {"desember", 12}};
  auto it = months.find(name);
  return it == months.end() ? 0 : it->second;
}

std::string Iso(sys_days d) {
  year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// The day (d, m, y) if valid and not after today; with no year, this year or else last year.
bool Resolve(int d, int m, int y, bool year_given, sys_days today, std::string* out) {
  if (year_given && y < 100) y += 2000;
  year_month_day today_ymd{today};
  if (!year_given) y = static_cast<int>(today_ymd.year());
  auto ymd = std::chrono::year(y) / std::chrono::month(static_cast<unsigned>(m)) / std::chrono::day(static_cast<unsigned>(d));
  if (!ymd.ok()) return false;
  sys_days day{ymd};
  if (day > today && !year_given) {
    ymd = std::chrono::year(y - 1) / ymd.month() / ymd.day();
    if (!ymd.ok()) return false;
    day = sys_days{ymd};
  }
  if (day > today || y < 2000) return false;
  *out = Iso(day);
  return true;
}

}  // namespace

bool ParseIndonesianDate(const std::string& raw, int64_t now, int utc_offset_seconds, std::string* iso_date) {
  std::string text = Lower(raw);
  sys_days today{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now + utc_offset_seconds}})};
  std::smatch m;
  static const std::regex today_re(R"(^\s*(hari ini|td|tadi|barusan|baru saja|sekarang)(\s+(pagi|siang|sore|malam|ini))?\s*$)");
  static const std::regex yesterday_re(R"(^\s*(kemarin|kmrn|kmarin|kemaren|kmren|semalam)(\s+(pagi|siang|sore|malam))?\s*$)");
  static const std::regex day_before_re(R"(^\s*(kemarin lusa|lusa kemarin)\s*$)");
  static const std::regex days_ago_re(R"(^\s*(\d{1,3})\s*(hari|hr)\s*(yang\s*|yg\s*)?(lalu|yl|kemarin)\s*$)");
  static const std::regex week_ago_re(R"(^\s*(seminggu|1 minggu|satu minggu|minggu)\s*(yang\s*|yg\s*)?(lalu|kemarin)\s*$)");
  static const std::regex numeric_re(R"(^\s*(?:tgl\.?\s*|tanggal\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?\s*$)");
  static const std::regex iso_re(R"(^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$)");
  static const std::regex named_re(R"(^\s*(?:tgl\.?\s*|tanggal\s*)?(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{2,4}))?\s*$)");

  if (std::regex_match(text, today_re)) { *iso_date = Iso(today); return true; }
  if (std::regex_match(text, yesterday_re)) { *iso_date = Iso(today - std::chrono::days(1)); return true; }
  if (std::regex_match(text, day_before_re)) { *iso_date = Iso(today - std::chrono::days(2)); return true; }
  if (std::regex_match(text, m, days_ago_re)) {
    int n = std::stoi(m[1]);
    if (n > 3650) return false;
    *iso_date = Iso(today - std::chrono::days(n));
    return true;
  }
  if (std::regex_match(text, week_ago_re)) { *iso_date = Iso(today - std::chrono::days(7)); return true; }
  if (std::regex_match(text, m, iso_re)) {
    return Resolve(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]), true, today, iso_date);
  }
  if (std::regex_match(text, m, numeric_re)) {
    int month = std::stoi(m[2]);
    if (month < 1 || month > 12) return false;
    bool year_given = m[3].matched;
    return Resolve(std::stoi(m[1]), month, year_given ? std::stoi(m[3]) : 0, year_given, today, iso_date);
  }
  if (std::regex_match(text, m, named_re)) {
    int month = MonthNumber(m[2]);
    if (month == 0) return false;
    bool year_given = m[3].matched;
    return Resolve(std::stoi(m[1]), month, year_given ? std::stoi(m[3]) : 0, year_given, today, iso_date);
  }
  return false;
}

}  // namespace netra
