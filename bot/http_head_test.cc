#include "bot/http_head.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

struct Case {
  const char* name;
  std::string data;
  int status;
};

TEST(ParseRequestHeadTest, RefusesBeforeTheBody) {
  HeadLimits limits;
  limits.max_body_bytes = 1000;
  limits.max_headers = 5;
  limits.max_head_bytes = 512;
  limits.max_request_line = 256;
  std::string many_headers = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 6; ++i) many_headers += "X-" + std::to_string(i) + ": y\r\n";
  const std::vector<Case> cases = {
      {"incomplete", "GET / HTTP/1.1\r\nHost: x\r\n", 0},
      {"plain get", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 200},
      {"post with length", "POST /a HTTP/1.1\r\nContent-Length: 1000\r\n\r\n", 200},
      {"chunked", "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411},
      {"chunked any case", "POST /a HTTP/1.1\r\ntransfer-encoding: Chunked\r\n\r\n", 411},
      {"other transfer coding", "POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"gzip body", "POST /a HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n", 415},
      {"identity coding too", "POST /a HTTP/1.1\r\nContent-Encoding: identity\r\n\r\n", 415},
      {"length over limit", "POST /a HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 413},
      {"huge length", "POST /a HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413},
      {"bad length", "POST /a HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400},
      {"negative length", "POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
      {"two lengths", "POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
      {"too many headers", many_headers + "\r\n", 431},
      {"too many header lines so far", many_headers, 431},
      {"head too large", "GET / HTTP/1.1\r\nX: " + std::string(600, 'a') + "\r\n\r\n", 431},
      {"head too large so far", "GET / HTTP/1.1\r\nX: " + std::string(600, 'a'), 431},
      {"request line too long", "GET /" + std::string(300, 'a'), 414},
      {"binary method", "\xff\xfe / HTTP/1.1\r\n\r\n", 400},
      {"no target", "GET HTTP/1.1\r\n\r\n", 400},
      {"absolute target", "GET http://x/ HTTP/1.1\r\n\r\n", 400},
      {"http/2 preface", "PRI * HTTP/2.0\r\n\r\n", 400},
      {"version", "GET / HTTP/2.0\r\n\r\n", 505},
      {"folded header", "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 400},
      {"control byte in value", std::string("GET / HTTP/1.1\r\nX: a\x01\r\n\r\n"), 400},
      {"unknown method", "M0000AAAA / HTTP/1.1\r\n\r\n", 501},
      {"lower-case method", "get / HTTP/1.1\r\n\r\n", 501},
      {"odd expectation", "POST /a HTTP/1.1\r\nExpect: magic\r\n\r\n", 417},
  };
  for (const Case& c : cases) {
    RequestHead head;
    EXPECT_EQ(ParseRequestHead(c.data, limits, &head), c.status) << c.name;
  }
}

TEST(ParseRequestHeadTest, FillsTheHead) {
  std::string data = "POST /webhook/telegram?x=1 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc";
  RequestHead head;
  ASSERT_EQ(ParseRequestHead(data, HeadLimits{}, &head), 200);
  EXPECT_EQ(head.method, "POST");
  EXPECT_EQ(head.path, "/webhook/telegram");
  EXPECT_EQ(head.content_length, 3u);
  EXPECT_EQ(head.head_bytes, data.size() - 3);
  ASSERT_TRUE(head.expect_continue);
  EXPECT_EQ(data.substr(head.expect_begin, head.expect_end - head.expect_begin), "Expect: 100-continue\r\n");
}

}  // namespace
}  // namespace netra
