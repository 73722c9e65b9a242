#include "dialogs/links.h"

#include <algorithm>
#include <array>

namespace netra {
namespace {

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (AsciiLower(s[at + k]) != prefix[k]) return false;
  }
  return true;
}

// The length of the scheme ("http://" or "https://") at s[at], or 0.
size_t SchemeLength(std::string_view s, size_t at) {
  if (StartsWithNoCase(s, at, "https://")) return 8;
  if (StartsWithNoCase(s, at, "http://")) return 7;
  return 0;
}

// The byte length of a link terminator at s[at] (ASCII space or control character, '<', '>',
// '"', or a Unicode space such as U+00A0, U+2000–U+200B, U+202F, U+205F, U+3000), or 0.
size_t TerminatorLength(std::string_view s, size_t at) {
  auto b = [&](size_t k) { return at + k < s.size() ? static_cast<unsigned char>(s[at + k]) : 0; };
  unsigned char c = b(0);
  if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"') return 1;
  if (c == 0xC2 && b(1) == 0xA0) return 2;
  if (c == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8B) || b(2) == 0xAF)) return 3;
  if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
  return 0;
}

// `link` without the punctuation a sentence puts after it: ".,;:!?'*", a closing bracket with no
// opening one in the link, and "…".
std::string_view TrimTrailingPunctuation(std::string_view link, size_t min_size) {
  while (link.size() > min_size) {
    char c = link.back();
    if (std::string_view(".,;:!?'*").find(c) != std::string_view::npos) {
      link.remove_suffix(1);
    } else if (c == ')' || c == ']') {
      char open = c == ')' ? '(' : '[';
      if (std::count(link.begin(), link.end(), open) >= std::count(link.begin(), link.end(), c)) break;
      link.remove_suffix(1);
    } else if (link.size() >= min_size + 3 && link.substr(link.size() - 3) == "…") {
      link.remove_suffix(3);
    } else {
      break;
    }
  }
  return link;
}

bool IsHostStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '[' ||
         static_cast<unsigned char>(c) >= 0x80;
}

enum class Site { kOther, kYouTube, kFacebook, kInstagram, kTikTok, kX, kThreads };

bool HostIs(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

Site SiteOf(std::string_view host) {
  if (HostIs(host, "youtube.com") || HostIs(host, "youtu.be") || HostIs(host, "youtube-nocookie.com")) {
    return Site::kYouTube;
  }
  if (HostIs(host, "facebook.com") || HostIs(host, "fb.com") || HostIs(host, "fb.watch")) return Site::kFacebook;
  if (HostIs(host, "instagram.com")) return Site::kInstagram;
  if (HostIs(host, "tiktok.com")) return Site::kTikTok;
  if (HostIs(host, "x.com") || HostIs(host, "twitter.com")) return Site::kX;
  if (HostIs(host, "threads.net") || HostIs(host, "threads.com")) return Site::kThreads;
  return Site::kOther;
}

// For the big social sites: the only parameters a link needs; everything else is share or
// tracking data. Returns true when `name` (lower case) is kept.
bool NeededOnSite(Site site, std::string_view name) {
  switch (site) {
    case Site::kYouTube:
      return name == "v" || name == "t" || name == "list" || name == "index" || name == "start" || name == "end";
    case Site::kFacebook:
      return name == "story_fbid" || name == "id" || name == "v" || name == "fbid" || name == "set" ||
             name == "comment_id" || name == "multi_permalinks";
    case Site::kInstagram:
      return name == "img_index";
    case Site::kTikTok:
    case Site::kX:
    case Site::kThreads:
      return false;
    case Site::kOther:
      break;
  }
  return true;
}

// Parameters that ad networks, newsletters and share buttons add anywhere. `name` is lower case.
bool IsTrackingParameter(std::string_view name, std::string_view value) {
  static constexpr std::array<std::string_view, 46> kNames = {
      "fbclid",        "gclid",         "dclid",         "gbraid",       "wbraid",         "msclkid",
      "yclid",         "twclid",        "ttclid",        "li_fat_id",    "igsh",           "igshid",
      "si",            "u_code",        "_t",            "_r",           "ref",            "ref_src",
      "ref_url",       "referrer",      "share_id",      "mibextid",     "sfnsn",          "_ga",
      "_gl",           "mc_cid",        "mc_eid",        "_hsenc",       "_hsmi",          "mkt_tok",
      "share_source",  "share_medium",  "share_app_id",  "share_item_id", "share_link_id", "sender_device",
      "sender_web_id", "is_from_webapp", "is_copy_url",  "tt_from",      "social_sharing", "srsltid",
      "rdid",          "trk",           "wt_mc",         "ocid"};
  if (name.substr(0, 4) == "utm_" || name == "utm") return true;
  if (name.substr(0, 6) == "__cft_" || name.substr(0, 5) == "__tn_") return true;  // Facebook
  if (name == "feature") return value.substr(0, 5) == "share";                        // YouTube feature=share(d)
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

}  // namespace

std::vector<std::string> ExtractLinks(std::string_view text) {
  std::vector<std::string> links;
  size_t i = 0;
  while (i < text.size() && links.size() < kMaxLinksPerText) {
    size_t scheme = (text[i] == 'h' || text[i] == 'H') ? SchemeLength(text, i) : 0;
    if (scheme == 0) {
      ++i;
      continue;
    }
    size_t end = i + scheme;
    while (end < text.size() && TerminatorLength(text, end) == 0) ++end;
    std::string_view link = TrimTrailingPunctuation(text.substr(i, end - i), scheme);
    if (link.size() > scheme && link.size() <= kMaxLinkBytes && IsHostStart(link[scheme])) {
      links.emplace_back(link);
    }
    i = end;
  }
  return links;
}

std::string StripTrackingParameters(std::string_view url) {
  size_t scheme = SchemeLength(url, 0);
  if (scheme == 0) return std::string(url);
  size_t authority_end = std::min(url.find_first_of("/?#", scheme), url.size());
  std::string_view authority = url.substr(scheme, authority_end - scheme);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string host;
  for (char c : authority.substr(0, authority.find(':'))) host.push_back(AsciiLower(c));
  Site site = SiteOf(host);

  size_t query_begin = std::min(url.find_first_of("?#", authority_end), url.size());
  size_t fragment_begin = std::min(url.find('#', authority_end), url.size());
  std::string out;
  out.append(url.substr(0, scheme)).append(authority).append(url.substr(authority_end, query_begin - authority_end));
  if (query_begin < fragment_begin) {  // there is a query: url[query_begin] == '?'
    std::string_view query = url.substr(query_begin + 1, fragment_begin - query_begin - 1);
    std::string kept;
    while (!query.empty()) {
      size_t amp = std::min(query.find('&'), query.size());
      std::string_view param = query.substr(0, amp);
      query.remove_prefix(std::min(amp + 1, query.size()));
      if (param.empty()) continue;
      size_t eq = std::min(param.find('='), param.size());
      std::string name;
      for (char c : param.substr(0, eq)) name.push_back(AsciiLower(c));
      std::string_view value = param.substr(std::min(eq + 1, param.size()));
      bool keep = NeededOnSite(site, name) && !IsTrackingParameter(name, value);
      if (!keep) continue;
      kept.append(kept.empty() ? "" : "&").append(param);
    }
    if (!kept.empty()) out.append("?").append(kept);
  }
  out.append(url.substr(fragment_begin));
  return out;
}

}  // namespace netra
