#include "dialogs/date_parser.h"
#include "base/text.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <string_view>

namespace netra {
namespace {

using std::chrono::year_month_day;
using std::chrono::sys_days;

// Inputs longer than this (after trimming) are no date; the longest accepted form is far shorter.
constexpr size_t kMaxDateChars = 64;

// White space as the former regular expressions' \s: space, \t, \n, \v, \f, \r.
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A forward-only reader over lower-case text; every method does work bounded by what it consumes.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool AtEnd() const { return i_ == s_.size(); }
  std::string_view Rest() const { return s_.substr(i_); }

  // Skips white space; returns true when there was any.
  bool SkipSpaces() {
    size_t from = i_;
    while (i_ < s_.size() && IsSpace(s_[i_])) ++i_;
    return i_ > from;
  }

  // Consumes `w` when the text continues with it; returns whether it did.
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  // Consumes one character from `set`; returns whether it did.
  bool Char(std::string_view set) {
    if (i_ < s_.size() && set.find(s_[i_]) != std::string_view::npos) {
      ++i_;
      return true;
    }
    return false;
  }

  // Consumes min..max digits (and fails if more follow) into *value; returns whether it did.
  bool Number(size_t min, size_t max, int* value) {
    size_t j = i_;
    int v = 0;
    while (j < s_.size() && IsDigit(s_[j]) && j - i_ < max) v = v * 10 + (s_[j++] - '0');
    if (j - i_ < min || (j < s_.size() && IsDigit(s_[j]))) return false;
    i_ = j;
    *value = v;
    return true;
  }

  // Consumes a run of ASCII letters and returns it.
  std::string_view Letters() {
    size_t from = i_;
    while (i_ < s_.size() && s_[i_] >= 'a' && s_[i_] <= 'z') ++i_;
    return s_.substr(from, i_ - from);
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

// The optional "tgl", "tgl." or "tanggal" before a date, with the spaces after it.
void DatePrefix(Cursor& c) {
  if (c.Word("tgl")) {
    c.Char(".");
  } else if (!c.Word("tanggal")) {
    return;
  }
  c.SkipSpaces();
}

// The end of "… (yang|yg)? (lalu|…)": true when it matches to the end of the text.
bool AgoTail(Cursor c, std::initializer_list<std::string_view> ends) {
  c.SkipSpaces();
  for (std::string_view middle : {"yang", "yg", ""}) {
    Cursor m = c;
    if (!m.Word(middle)) continue;
    m.SkipSpaces();
    for (std::string_view e : ends) {
      Cursor d = m;
      if (d.Word(e) && d.AtEnd()) return true;
    }
  }
  return false;
}

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
  // Surrounding white space is ignored; no accepted form is anywhere near this long.
  Cursor all(raw);
  all.SkipSpaces();
  std::string_view trimmed = all.Rest();
  while (!trimmed.empty() && IsSpace(trimmed.back())) trimmed.remove_suffix(1);
  if (trimmed.size() > kMaxDateChars) return false;
  const std::string text = Lower(std::string(trimmed));
  sys_days today{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now + utc_offset_seconds}})};

  auto with_part_of_day = [&](std::initializer_list<std::string_view> words,
                              std::initializer_list<std::string_view> parts) {
    for (std::string_view w : words) {
      Cursor c(text);
      if (!c.Word(w)) continue;
      if (c.AtEnd()) return true;
      if (!c.SkipSpaces()) continue;
      for (std::string_view p : parts) {
        Cursor d = c;
        if (d.Word(p) && d.AtEnd()) return true;
      }
    }
    return false;
  };
  if (with_part_of_day({"hari ini", "td", "tadi", "barusan", "baru saja", "sekarang"},
                       {"pagi", "siang", "sore", "malam", "ini"})) {
    *iso_date = Iso(today);
    return true;
  }
  if (with_part_of_day({"kemarin", "kmrn", "kmarin", "kemaren", "kmren", "semalam"}, {"pagi", "siang", "sore", "malam"})) {
    *iso_date = Iso(today - std::chrono::days(1));
    return true;
  }
  if (text == "kemarin lusa" || text == "lusa kemarin") {
    *iso_date = Iso(today - std::chrono::days(2));
    return true;
  }
  // "3 hari lalu", "2 hari yang lalu", "5hr yl".
  {
    Cursor c(text);
    int n = 0;
    if (c.Number(1, 3, &n)) {
      c.SkipSpaces();
      if ((c.Word("hari") || c.Word("hr")) && AgoTail(c, {"lalu", "yl", "kemarin"})) {
        if (n > 3650) return false;
        *iso_date = Iso(today - std::chrono::days(n));
        return true;
      }
    }
  }
  // "seminggu yang lalu", "minggu kemarin".
  for (std::string_view w : {"seminggu", "1 minggu", "satu minggu", "minggu"}) {
    Cursor c(text);
    if (c.Word(w) && AgoTail(c, {"lalu", "kemarin"})) {
      *iso_date = Iso(today - std::chrono::days(7));
      return true;
    }
  }
  // "2024-11-01".
  {
    Cursor c(text);
    int y = 0, m = 0, d = 0;
    if (c.Number(4, 4, &y) && c.Char("-") && c.Number(1, 2, &m) && c.Char("-") && c.Number(1, 2, &d) && c.AtEnd()) {
      return Resolve(d, m, y, true, today, iso_date);
    }
  }
  // "12/11", "tgl. 12-11-2024", "12.11.24".
  {
    Cursor c(text);
    DatePrefix(c);
    int d = 0, m = 0, y = 0;
    if (c.Number(1, 2, &d) && (c.SkipSpaces(), c.Char("/.-")) && (c.SkipSpaces(), c.Number(1, 2, &m))) {
      Cursor end = c;
      end.SkipSpaces();
      bool year_given = false;
      if (!end.AtEnd()) {
        if (!(end.Char("/.-") && (end.SkipSpaces(), end.Number(2, 4, &y)))) goto named;
        end.SkipSpaces();
        if (!end.AtEnd()) goto named;
        year_given = true;
      }
      if (m < 1 || m > 12) return false;
      return Resolve(d, m, year_given ? y : 0, year_given, today, iso_date);
    }
  }
named:
  // "12 November 2024", "tanggal 5 agustus", "12 nov.".
  {
    Cursor c(text);
    DatePrefix(c);
    int d = 0, y = 0;
    if (!c.Number(1, 2, &d) || !c.SkipSpaces()) return false;
    std::string_view name = c.Letters();
    if (name.empty()) return false;
    c.Char(".");
    bool year_given = false;
    if (!c.AtEnd()) {
      if (!c.SkipSpaces() || !c.Number(2, 4, &y) || !c.AtEnd()) return false;
      year_given = true;
    }
    int month = MonthNumber(std::string(name));
    if (month == 0) return false;
    return Resolve(d, month, year_given ? y : 0, year_given, today, iso_date);
  }
}

}  // namespace netra
