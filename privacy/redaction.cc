#include "privacy/redaction.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "base/text.h"

// Hand-written scanners, no regular expressions: the text is decoded once into normalised
// characters (full-width forms, Unicode dashes and spaces folded to ASCII, invisible characters
// dropped), then each matcher tries every start position with a bounded look-around, so the work
// is linear in the length of the text.

namespace netra {
namespace {

constexpr char32_t kIgnored = 0xFFFFFFFF;

// One character of the input as the matchers see it, and the bytes it came from.
struct Char {
  char32_t c;
  size_t begin, end;
};

// ASCII letters lower-cased; full-width forms (U+FF01–U+FF5E) as ASCII; Arabic-Indic and
// mathematical digits as ASCII digits; Unicode dashes as '-'; Unicode spaces and tabs as ' ';
// zero-width characters and the soft hyphen as kIgnored.
char32_t Normalise(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
  if (cp >= 'A' && cp <= 'Z') return cp - 'A' + 'a';
  if (cp < 0x80) return cp == '\t' ? U' ' : cp;
  if (cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000) {
    return U' ';
  }
  if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2043 || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63) return U'-';
  if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD) return kIgnored;
  if (cp >= 0x0660 && cp <= 0x0669) return U'0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return U'0' + (cp - 0x06F0);
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return U'0' + (cp - 0x1D7CE) % 10;
  if (cp == 0xFE6B) return U'@';
  if (cp == 0x3002 || cp == 0xFF61) return U'.';
  return cp;
}

std::vector<Char> Decode(std::string_view text) {
  std::vector<Char> out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) cp = 0xFFFD, len = 1;
    char32_t c = Normalise(cp);
    if (c != kIgnored) out.push_back({c, i, i + len});
    i += len;
  }
  return out;
}

enum Kind : uint8_t { kFree = 0, kKeep, kPhone, kEmail, kNik };

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text), s_(Decode(text)), claim_(s_.size(), kFree) {}

  std::string Run() {
    for (size_t i = 0; i < s_.size(); ++i) TryNip(i);
    for (size_t i = 0; i < s_.size(); ++i) TryEmail(i);
    for (size_t i = 0; i < s_.size(); ++i) TryNik(i);
    for (size_t i = 0; i < s_.size(); ++i) TryPhone(i);
    return Render();
  }

 private:
  // One run of digits: digits so far and the position just after its last digit.
  struct Group {
    size_t digits_end;  // digits collected up to the end of this group
    size_t next;        // index of the character after the group
  };

  char32_t At(size_t i) const { return i < s_.size() ? s_[i].c : 0; }
  bool Digit(size_t i) const { return i < s_.size() && s_[i].c >= '0' && s_[i].c <= '9'; }
  bool Letter(size_t i) const { return i < s_.size() && s_[i].c >= 'a' && s_[i].c <= 'z'; }
  bool Is(size_t i, char c) const { return At(i) == static_cast<char32_t>(c); }
  bool In(size_t i, std::string_view set) const {
    return i < s_.size() && s_[i].c < 0x80 && set.find(static_cast<char>(s_[i].c)) != std::string_view::npos;
  }

  bool Free(size_t b, size_t e) const {
    for (size_t k = b; k < e; ++k) {
      if (claim_[k] != kFree) return false;
    }
    return true;
  }
  void Claim(size_t b, size_t e, Kind kind) { std::fill(claim_.begin() + b, claim_.begin() + e, kind); }

  // A number may start at i when no digit is glued before it and it does not continue another
  // number ("1.081…", "2024-0813…"); letters before it are fine ("hp0813…").
  bool NumberStart(size_t i) const {
    if (i == 0) return true;
    if (Digit(i - 1)) return false;
    return !(In(i - 1, ".,-") && i >= 2 && Digit(i - 2));
  }

  // "Rp", "Rp.", "IDR" just before i (over spaces and dots): an amount, not a number to mask.
  bool AfterCurrency(size_t i) const {
    size_t k = i;
    for (int n = 0; n < 3 && k > 0 && In(k - 1, " ."); ++n) --k;
    auto word_before = [&](std::string_view w) {
      if (k < w.size()) return false;
      for (size_t j = 0; j < w.size(); ++j) {
        if (!Is(k - w.size() + j, w[j])) return false;
      }
      return k == w.size() || !Letter(k - w.size() - 1);
    };
    return word_before("rp") || word_before("idr");
  }

  // Digit groups from i joined by exactly one character of `seps`, up to `max_digits` digits.
  // Fills *digits and the groups that ended within the limit.
  void Groups(size_t i, std::string_view seps, size_t max_digits, std::string* digits, std::vector<Group>* groups,
              std::string* seps_used) const {
    digits->clear(), groups->clear(), seps_used->clear();
    while (Digit(i)) {
      while (Digit(i) && digits->size() <= max_digits) digits->push_back(static_cast<char>(s_[i++].c));
      if (digits->size() > max_digits) return;
      groups->push_back({digits->size(), i});
      if (!(In(i, seps) && Digit(i + 1))) return;
      seps_used->push_back(static_cast<char>(s_[i].c));
      ++i;
    }
  }

  static int Num(const std::string& d, size_t at, size_t len) { return std::stoi(d.substr(at, len)); }

  // An 18-digit NIP (YYYYMMDD YYYYMM G NNN: birth date, appointment month, gender, serial) is
  // kept as typed: reviewers need it to identify the reported civil servant.
  void TryNip(size_t i) {
    if (!Digit(i) || !NumberStart(i) || claim_[i] != kFree) return;
    std::string& d = digits_;
    std::string& seps = seps_;
    std::vector<Group>& groups = groups_;
    Groups(i, " .-", 18, &d, &groups, &seps);
    for (const Group& g : groups) {
      if (g.digits_end != 18) continue;
      int year = Num(d, 0, 4), month = Num(d, 4, 2), day = Num(d, 6, 2), tmt_year = Num(d, 8, 4),
          tmt_month = Num(d, 12, 2), gender = Num(d, 14, 1);
      if (year >= 1940 && year <= 2015 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && tmt_year >= 1960 &&
          tmt_year <= 2099 && tmt_month >= 1 && tmt_month <= 12 && (gender == 1 || gender == 2)) {
        Claim(i, g.next, kKeep);
      }
    }
  }

  // NIK: 16 digits, typed whole or in groups ("3201 0123 4567 8901", "3201-01-…").
  void TryNik(size_t i) {
    if (!Digit(i) || Is(i, '0') || !NumberStart(i) || AfterCurrency(i)) return;
    // Not the tail of a longer run of groups ("0813 7778 8899 0812 …"), unless what precedes is
    // already masked (two NIKs in a row).
    if (i >= 2 && In(i - 1, " .-") && Digit(i - 2) && claim_[i - 2] == kFree) return;
    std::string& d = digits_;
    std::string& seps = seps_;
    std::vector<Group>& groups = groups_;
    Groups(i, " .-", 16, &d, &groups, &seps);
    if (groups.empty() || groups.back().digits_end != 16) return;
    if (seps.find_first_not_of('.') == std::string::npos && ThreeDigitGroups(groups, groups.size())) return;
    if (Free(i, groups.back().next)) Claim(i, groups.back().next, kNik);
  }

  // Groups shaped like an amount: "1.500.000.000" has one to three digits, then groups of three.
  static bool ThreeDigitGroups(const std::vector<Group>& groups, size_t used) {
    if (used < 2 || groups[0].digits_end > 3) return false;
    for (size_t g = 1; g < used; ++g) {
      if (groups[g].digits_end - groups[g - 1].digits_end != 3) return false;
    }
    return true;
  }

  // Phone numbers: Indonesian mobiles (08…, +62 8…, 62 8…, 8… with 10–12 digits), landlines
  // ((021) 555 1234, 0274 123456, +62 21 5551234) and other international numbers (+60 …),
  // grouped with spaces, dots, dashes or parentheses, glued to words ("hp0813…", "wa:0813…").
  void TryPhone(size_t start) {
    if (claim_[start] != kFree || !NumberStart(start)) return;
    bool plus = false;
    size_t i = start;
    if (Is(i, '+')) {
      plus = true;
      ++i;
      if (Is(i, ' ')) ++i;
      if (!Digit(i)) return;
    } else if (Is(i, '(')) {
      ++i;
      if (Is(i, ' ')) ++i;
      if (Is(i, '+')) plus = true, ++i;  // "(+62) 813 …"
      if (!Digit(i)) return;
    } else if (!(Is(i, '0') || Is(i, '6') || Is(i, '8'))) {
      return;
    }
    if (AfterCurrency(start)) return;

    constexpr size_t kMaxDigits = 15;
    std::string& d = digits_;
    std::vector<Group>& groups = groups_;
    std::vector<uint8_t>& gaps = gaps_;  // the separators after each group but the last, as kGap* bits
    d.clear(), groups.clear(), gaps.clear();
    bool open = Is(start, '('), close = false;
    while (Digit(i)) {
      while (Digit(i) && d.size() <= kMaxDigits) d.push_back(static_cast<char>(s_[i++].c));
      if (d.size() > kMaxDigits) break;
      groups.push_back({d.size(), i});
      // Up to three separators before the next group: " ", "-", ".", "(" and ")" once each.
      size_t j = i;
      bool o = open, c = close;
      std::string& used = used_;
      used.clear();
      while (j < s_.size() && j - i < 3 && In(j, " -.()")) {
        char ch = static_cast<char>(s_[j].c);
        if (ch == '(' && o) break;
        if (ch == ')' && (!o || c)) break;
        o = o || ch == '(';
        c = c || ch == ')';
        used.push_back(ch);
        ++j;
      }
      if (j == i || !Digit(j)) break;
      open = o, close = c;
      gaps.push_back((used.find('.') != std::string::npos ? kGapDot : 0) |
                     (used.find_first_of("()") != std::string::npos ? kGapParen : 0) | (used == "." ? kGapOnlyDot : 0));
      i = j;
    }
    for (size_t g = groups.size(); g-- > 0;) {
      if (ValidPhone(std::string_view(d).substr(0, groups[g].digits_end), groups, gaps, g + 1, plus)) {
        if (Free(start, groups[g].next)) Claim(start, groups[g].next, kPhone);
        return;
      }
    }
  }

  // Whether the first `used` groups (digits `d`) make a phone number.
  static constexpr uint8_t kGapDot = 1, kGapParen = 2, kGapOnlyDot = 4;

  static bool ValidPhone(std::string_view d, const std::vector<Group>& groups, const std::vector<uint8_t>& gaps,
                         size_t used, bool plus) {
    bool dots = false, parens = false, only_dots = true;
    for (size_t g = 0; g + 1 < used; ++g) {
      dots = dots || (gaps[g] & kGapDot);
      parens = parens || (gaps[g] & kGapParen);
      only_dots = only_dots && (gaps[g] & kGapOnlyDot);
    }
    if (plus) return d.size() >= 9 && d.size() <= 15 && !(only_dots && ThreeDigitGroups(groups, used));
    // Where the national significant number starts, after "62" and a trunk "0".
    size_t st;
    bool country = false;
    if (d[0] == '0') {
      st = 1;
    } else if (d.compare(0, 2, "62") == 0) {
      country = true;
      st = d.size() > 2 && d[2] == '0' ? 3 : 2;
    } else {
      st = 0;  // a bare "8…"
    }
    if (st >= d.size()) return false;
    // The national number is "0" followed by d[st…]; n is its length, at(k) its k-th digit.
    size_t n = d.size() - st + 1;
    auto at = [&](size_t k) { return k == 0 ? '0' : d[st + k - 1]; };
    size_t first_end = 0;  // the end of the group holding d[st]
    for (size_t g = 0; g < used; ++g) {
      if (groups[g].digits_end > st) {
        first_end = groups[g].digits_end;
        break;
      }
    }
    size_t first_len = first_end - st + 1;
    if (first_len < 3) return false;  // "08 12 2024" is a date
    bool mobile = at(1) == '8' && n >= 10 && n <= 13;
    if (st == 0) {  // bare: only a mobile with a real operator prefix, written without dots or brackets
      return mobile && n >= 11 && !dots && !parens && std::string_view("1235789").find(at(2)) != std::string_view::npos;
    }
    if (country) return mobile;
    bool landline = std::string_view("2345679").find(at(1)) != std::string_view::npos && n >= 9 && n <= 12 &&
                    (first_len == n || first_len <= 4);
    return mobile || landline;
  }

  // E-mail addresses, also spelled out: "kartini.w @ gmail . com", "kartini (at) gmail (dot) com",
  // "kartini [at] gmail [dot] com", "kartini at gmail dot com".
  void TryEmail(size_t i) {
    size_t marker_begin = i, marker_end;
    bool bare = false;
    if (Is(i, '@')) {
      marker_end = i + 1;
    } else if (size_t e = Bracketed(i, "at"); e != 0) {
      marker_end = e;
    } else if (Is(i, 'a') && Is(i + 1, 't') && i > 0 && Is(i - 1, ' ') && Is(i + 2, ' ')) {
      marker_end = i + 2;
      bare = true;
    } else {
      return;
    }
    // The local part, backwards over at most two spaces.
    size_t k = marker_begin;
    for (int n = 0; n < 2 && k > 0 && Is(k - 1, ' '); ++n) --k;
    if (bare && k == marker_begin) return;
    size_t local_end = k;
    bool alnum = false;
    while (k > 0 && local_end - k < 64 && (Letter(k - 1) || Digit(k - 1) || In(k - 1, "._%+-"))) {
      alnum = alnum || Letter(k - 1) || Digit(k - 1);
      --k;
    }
    if (!alnum || (k > 0 && (Letter(k - 1) || Digit(k - 1) || In(k - 1, "._%+-")))) return;  // over 64
    size_t local_begin = k;
    // The domain: labels joined by ".", " . " (before a known top-level domain), "(dot)", "dot", "titik".
    size_t j = marker_end;
    for (int n = 0; n < 2 && Is(j, ' '); ++n) ++j;
    size_t label_end = Label(j);
    if (label_end == j) return;
    size_t domain_end = label_end, last_label = j, dots = 0;
    j = label_end;
    while (domain_end - marker_end < 255) {
      size_t m = j;
      bool spaced = false;
      for (int n = 0; n < 2 && Is(m, ' '); ++n) ++m, spaced = true;
      bool word_dot = false;
      if (Is(m, '.')) {
        ++m;
      } else if (size_t e = Bracketed(m, "dot"); e != 0) {
        m = e, word_dot = true;
      } else if (size_t e2 = Bracketed(m, "titik"); e2 != 0) {
        m = e2, word_dot = true;
      } else if (spaced && (Word(m, "dot") || Word(m, "titik"))) {
        m += Is(m, 'd') ? 3 : 5;
        word_dot = true;
      } else {
        break;
      }
      for (int n = 0; n < 2 && Is(m, ' '); ++n) ++m, spaced = true;
      size_t e = Label(m);
      if (e == m) break;
      if (spaced && !word_dot && !KnownTld(m, e)) break;
      last_label = m, domain_end = e, j = e, ++dots;
    }
    if (dots == 0) return;
    for (size_t t = last_label; t < domain_end; ++t) {
      if (!Letter(t)) return;
    }
    if (domain_end - last_label < 2 || (bare && !KnownTld(last_label, domain_end))) return;
    if (Free(local_begin, domain_end)) Claim(local_begin, domain_end, kEmail);
  }

  // The end of "(word)", "[word]", "{word}" or "<word>" at i (spaces inside allowed), or 0.
  size_t Bracketed(size_t i, std::string_view word) const {
    static constexpr std::string_view kOpen = "([{<", kClose = ")]}>";
    if (!In(i, kOpen)) return 0;
    char close = kClose[kOpen.find(static_cast<char>(s_[i].c))];
    size_t j = i + 1;
    if (Is(j, ' ')) ++j;
    if (!Word(j, word)) return 0;
    j += word.size();
    if (Is(j, ' ')) ++j;
    return Is(j, close) ? j + 1 : 0;
  }

  // Whether `word` is at i as a whole word.
  bool Word(size_t i, std::string_view word) const {
    for (size_t k = 0; k < word.size(); ++k) {
      if (!Is(i + k, word[k])) return false;
    }
    return !Letter(i + word.size()) && !Digit(i + word.size());
  }

  // The end of a domain label ([a-z0-9-], at most 63) starting at i; i when there is none.
  size_t Label(size_t i) const {
    size_t e = i;
    while (e - i < 64 && (Letter(e) || Digit(e) || Is(e, '-'))) ++e;
    if (e - i > 63 || Letter(e) || Digit(e)) return i;
    return e;
  }

  bool KnownTld(size_t b, size_t e) const {
    static constexpr std::array<std::string_view, 18> kTlds = {"com", "net", "org", "id",  "co",   "go",
                                                              "ac",  "sch", "or",  "web", "my",   "biz",
                                                              "info", "edu", "gov", "io",  "me",   "mil"};
    std::string label;
    for (size_t k = b; k < e; ++k) label.push_back(s_[k].c < 0x80 ? static_cast<char>(s_[k].c) : '?');
    return std::find(kTlds.begin(), kTlds.end(), label) != kTlds.end();
  }

  std::string Render() const {
    std::string out;
    out.reserve(text_.size());
    size_t copied = 0;
    for (size_t i = 0; i < s_.size();) {
      Kind kind = static_cast<Kind>(claim_[i]);
      if (kind == kFree || kind == kKeep) {
        ++i;
        continue;
      }
      size_t e = i;
      while (e < s_.size() && claim_[e] == kind) ++e;
      out.append(text_, copied, s_[i].begin - copied);
      out += kind == kPhone ? "[nomor telepon]" : kind == kEmail ? "[email]" : "[NIK]";
      copied = s_[e - 1].end;
      i = e;
    }
    out.append(text_, copied, std::string_view::npos);
    return out;
  }

  std::string_view text_;
  std::vector<Char> s_;
  std::vector<uint8_t> claim_;
  // Scratch space the matchers reuse, so that trying a start position allocates nothing.
  std::string digits_, seps_, used_;
  std::vector<Group> groups_;
  std::vector<uint8_t> gaps_;
};

}  // namespace

std::string MaskPersonalData(std::string_view text) { return Scanner(text).Run(); }

}  // namespace netra
