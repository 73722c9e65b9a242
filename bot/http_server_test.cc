// HttpServer in process: the connection cap keeps /healthz answerable, and later requests on a
// kept-alive connection meet the same deadline as the first.
#include "bot/http_server.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "tests/http_edge_util.h"

namespace netra {
namespace {

using namespace std::chrono_literals;

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(HttpServerOptions options) {
    options.port = 0;
    http_ = std::make_unique<HttpServer>(options, &metrics_, &logger_);
    http_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
    http_->Post("/echo", [](const httplib::Request& req, httplib::Response& res) { res.set_content(req.body, "text/plain"); });
    ASSERT_TRUE(http_->Bind().ok());
    runner_ = std::thread([this] { http_->Run(); });
  }
  void TearDown() override {
    if (http_) http_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  std::ostringstream log_;
  Logger logger_{&log_};
  Metrics metrics_;
  std::unique_ptr<HttpServer> http_;
  std::thread runner_;
};

TEST_F(HttpServerTest, AtTheConnectionCapNewClientsReplaceTheOldestSlowOnes) {
  HttpServerOptions options;
  options.max_connections = 8;
  Start(options);
  std::vector<int> slow;
  for (int i = 0; i < 20; ++i) {
    int fd = testing::ConnectLoopback(http_->port());
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, "POST /echo HTTP/1.1\r\nHost: x\r\n");
    slow.push_back(fd);
  }
  httplib::Client client("127.0.0.1", http_->port());
  client.set_connection_timeout(2s);
  client.set_read_timeout(2s);
  int answered = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = client.Get("/healthz");
    if (r && r->status == 200) ++answered;
  }
  EXPECT_EQ(answered, 10);
  EXPECT_GE(metrics_.Value("netra_http_connections_shed_total"), 12);
  for (int fd : slow) ::close(fd);
}

TEST_F(HttpServerTest, AKeptAliveConnectionMeetsTheDeadlineOnItsNextRequest) {
  HttpServerOptions options;
  options.request_timeout = 1s;
  Start(options);
  int fd = testing::ConnectLoopback(http_->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(testing::SendAll(fd, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"));
  char buf[512];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  ASSERT_GT(n, 0);
  EXPECT_NE(std::string(buf, n).find("200 OK"), std::string::npos);
  // The next request drips in and never completes.
  auto start = std::chrono::steady_clock::now();
  testing::SendAll(fd, "POST /echo HTTP/1.1\r\n");
  std::string reply;
  for (int i = 0; i < 10 && reply.empty(); ++i) {
    testing::SendAll(fd, "X-a: b\r\n");
    reply = testing::ReadUntilClosed(fd, 300ms);
  }
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_NE(reply.find("408"), std::string::npos) << reply;
  EXPECT_LT(took, 2500ms);
  ::close(fd);
}

TEST_F(HttpServerTest, MethodsAndRoutesInMetricsComeFromAFixedSet) {
  Start(HttpServerOptions{});
  for (std::string method : {"GET", "M000001AAAA", "DELETE", "get"}) {
    int fd = testing::ConnectLoopback(http_->port());
    testing::SendAll(fd, method + " /nowhere/" + method + " HTTP/1.1\r\nConnection: close\r\n\r\n");
    testing::ReadUntilClosed(fd, 2s);
    ::close(fd);
  }
  std::string page = metrics_.RenderPrometheus();
  EXPECT_EQ(page.find("M000001"), std::string::npos) << page;
  EXPECT_EQ(page.find("nowhere"), std::string::npos) << page;
  EXPECT_EQ(page.find("DELETE"), std::string::npos) << page;
  EXPECT_EQ(metrics_.Value("netra_http_requests_total", {{"route", "other"}, {"method", "GET"}, {"status", "404"}}), 1);
}

TEST_F(HttpServerTest, ExpectContinueIsAnsweredOnce) {
  Start(HttpServerOptions{});
  int fd = testing::ConnectLoopback(http_->port());
  testing::SendAll(fd, "POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\n");
  std::string first = testing::ReadUntilClosed(fd, 300ms);
  EXPECT_EQ(first, "HTTP/1.1 100 Continue\r\n\r\n");
  testing::SendAll(fd, "hello");
  std::string rest = testing::ReadUntilClosed(fd, 2s);
  EXPECT_EQ(rest.find("100 Continue"), std::string::npos) << rest;
  EXPECT_NE(rest.find("200 OK"), std::string::npos) << rest;
  EXPECT_NE(rest.find("hello"), std::string::npos) << rest;
  ::close(fd);
}

TEST(HttpServerBindTest, APortInUseIsRefused) {
  std::ostringstream log;
  Logger logger(&log);
  Metrics metrics;
  HttpServerOptions options;
  options.port = 0;
  HttpServer first(options, &metrics, &logger);
  ASSERT_TRUE(first.Bind().ok());
  options.port = first.port();
  HttpServer second(options, &metrics, &logger);
  Status s = second.Bind();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot listen"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace netra
