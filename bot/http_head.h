// ParseRequestHead: the checks Netra's HTTP edge makes on a request head before any worker or
// body buffer is spent on it (size and count limits, no chunked or compressed bodies).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace netra {

struct HeadLimits {
  size_t max_head_bytes = 16 << 10;  // request line and headers, through the blank line
  size_t max_request_line = 8 << 10;
  size_t max_headers = 100;
  size_t max_body_bytes = 1 << 20;
};

struct RequestHead {
  std::string method;
  std::string path;            // the target without its query string
  size_t head_bytes = 0;       // through the blank line
  size_t content_length = 0;
  bool expect_continue = false;
  size_t expect_begin = 0;     // the Expect line's byte range in the head, when expect_continue
  size_t expect_end = 0;
};

// Scans the bytes received so far for a complete request head.
// Returns 0 when more bytes are needed; 200 when *head is filled and the body of
// head->content_length bytes may be read; otherwise the status to refuse the request with:
// 400 malformed, 411 Transfer-Encoding chunked, 501 another Transfer-Encoding, 413 body over the
// limit, 414 request line too long, 415 any Content-Encoding, 431 head too large or too many
// headers, 501 a method other than GET, HEAD, POST, PUT, DELETE, OPTIONS or PATCH, 505 not HTTP/1.0
// or HTTP/1.1.
int ParseRequestHead(std::string_view data, const HeadLimits& limits, RequestHead* head);

// The reason phrase for the statuses ParseRequestHead and the edge answer with ("Error" otherwise).
const char* ReasonPhrase(int status);

}  // namespace netra
