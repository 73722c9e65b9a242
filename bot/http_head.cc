#include "bot/http_head.h"

#include <algorithm>
#include <charconv>

namespace netra {
namespace {

bool IsTokenChar(char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x | 0x20);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y | 0x20);
    if (x != y) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

int ParseRequestHead(std::string_view data, const HeadLimits& limits, RequestHead* head) {
  size_t end = data.substr(0, limits.max_head_bytes + 4).find("\r\n\r\n");
  if (end == std::string_view::npos) {
    size_t first_line = data.find("\r\n");
    if ((first_line == std::string_view::npos ? data.size() : first_line) > limits.max_request_line) return 414;
    if (data.size() > limits.max_head_bytes) return 431;
    if (static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) > limits.max_headers + 1) return 431;
    return 0;
  }
  if (end + 4 > limits.max_head_bytes) return 431;
  *head = RequestHead{};
  head->head_bytes = end + 4;
  std::string_view rest = data.substr(0, end + 2);  // every line ends in CRLF

  size_t eol = rest.find("\r\n");
  std::string_view line = rest.substr(0, eol);
  if (line.size() > limits.max_request_line) return 414;
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) return 400;
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!IsToken(method) || target.empty() || target.front() != '/') return 400;
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return 400;
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return 505;
  static const std::string_view kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
  if (std::find(std::begin(kMethods), std::end(kMethods), method) == std::end(kMethods)) return 501;
  head->method = method;
  head->path = target.substr(0, target.find('?'));

  size_t headers = 0;
  bool has_length = false;
  bool chunked = false, other_coding = false, content_coding = false;
  for (size_t pos = eol + 2; pos < rest.size();) {
    size_t next = rest.find("\r\n", pos);
    std::string_view h = rest.substr(pos, next - pos);
    size_t line_begin = pos;
    pos = next + 2;
    if (++headers > limits.max_headers) return 431;
    size_t colon = h.find(':');
    if (colon == std::string_view::npos || !IsToken(h.substr(0, colon))) return 400;  // also folded lines
    std::string_view name = h.substr(0, colon);
    std::string_view value = Trim(h.substr(colon + 1));
    for (char c : value) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return 400;
    }
    if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      (EqualsIgnoreCase(value, "chunked") ? chunked : other_coding) = true;
    } else if (EqualsIgnoreCase(name, "Content-Encoding")) {
      content_coding = true;
    } else if (EqualsIgnoreCase(name, "Content-Length")) {
      size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (value.empty()) return 400;
      if (ec == std::errc::result_out_of_range) return 413;
      if (ec != std::errc() || p != value.data() + value.size()) return 400;
      if (has_length && n != head->content_length) return 400;
      has_length = true;
      head->content_length = n;
    } else if (EqualsIgnoreCase(name, "Expect")) {
      if (!EqualsIgnoreCase(value, "100-continue")) return 417;
      head->expect_continue = true;
      head->expect_begin = line_begin;
      head->expect_end = pos;
    }
  }
  if (other_coding) return 501;
  if (chunked) return 411;
  if (content_coding) return 415;
  if (head->content_length > limits.max_body_bytes) return 413;
  return 200;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
  }
}

}  // namespace netra
