// The HTTP edge of `netra serve` under attack (red team H1, H2, M6, L1, M9): the real binary,
// a real SQLite file, raw sockets on loopback. Figures go to stdout for the report.
#include "build_paths.h"
#include <gtest/gtest.h>
#include <grp.h>
#include <httplib.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <regex>
#include <thread>

#include "tests/fake_providers.h"
#include "tests/http_edge_util.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

namespace netra {
namespace {

using namespace std::chrono_literals;
constexpr char kSecret[] = "edge-secret";

class HttpEdgeTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env() {
    return {{"NETRA_DB", dir_.file("netra.db")},
            {"NETRA_LISTEN", "127.0.0.1:0"},
            {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")},
            {"NETRA_MAX_BODY_BYTES", "65536"},
            {"NETRA_TELEGRAM_TOKEN", "123:TEST"},
            {"NETRA_TELEGRAM_SECRET", kSecret},
            {"NETRA_TELEGRAM_API", telegram_.base_url()}};
  }
  // Starts `netra serve` (as user `run_as` when >= 0) and returns its port, or 0.
  int Start(const std::map<std::string, std::string>& env, int run_as = -1) {
    ++starts_;
    server_ = std::make_unique<testing::Subprocess>(std::vector<std::string>{NETRA_BINARY, "serve"}, env,
                                                    dir_.file("out" + std::to_string(starts_)),
                                                    dir_.file("err" + std::to_string(starts_)), "/dev/null", run_as);
    EXPECT_TRUE(server_->WaitForOutput("listening on", 20s)) << server_->Stderr();
    std::smatch m;
    std::string out = server_->Stdout();
    if (!std::regex_search(out, m, std::regex("127\\.0\\.0\\.1:(\\d+)"))) return 0;
    return std::stoi(m[1]);
  }
  long Hwm() { return testing::ProcStatusKiB(server_->pid(), "VmHWM"); }

  // Sends `request` (from a thread, so a refusal can arrive while it is still being sent) and
  // returns the reply and how long it took.
  std::string Attack(int port, std::string request, std::chrono::milliseconds* took = nullptr) {
    int fd = testing::ConnectLoopback(port);
    if (fd < 0) return "";
    auto start = std::chrono::steady_clock::now();
    std::thread sender([fd, request = std::move(request)] { testing::SendAll(fd, request); });
    std::string reply = testing::ReadUntilClosed(fd, 3s);
    if (took) *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    ::shutdown(fd, SHUT_RDWR);
    sender.join();
    ::close(fd);
    return reply;
  }

  testing::TempDir dir_;
  testing::FakeTelegram telegram_;
  std::unique_ptr<testing::Subprocess> server_;
  int starts_ = 0;
};

TEST_F(HttpEdgeTest, ThreeHundredSlowClientsDoNotTakeTheWebhooksOffline) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  constexpr int kSlow = 300;
  std::atomic<bool> done{false};
  std::atomic<int> reconnects{0};
  std::vector<int> fds(kSlow, -1);
  const std::string start_line = "POST /webhook/telegram HTTP/1.1\r\nHost: x\r\n";
  for (int& fd : fds) {
    fd = testing::ConnectLoopback(port);
    ASSERT_GE(fd, 0);
    testing::SendAll(fd, start_line);
  }
  // Drips one header line per connection every 2 s; reconnects what the server dropped.
  std::thread dripper([&] {
    while (!done) {
      for (int& fd : fds) {
        if (!testing::SendAll(fd, "X-a: b\r\n")) {
          ::close(fd);
          fd = testing::ConnectLoopback(port);
          if (fd >= 0) testing::SendAll(fd, start_line);
          ++reconnects;
        }
      }
      for (int i = 0; i < 20 && !done; ++i) std::this_thread::sleep_for(100ms);
    }
  });
  std::this_thread::sleep_for(1s);
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(3s);
  client.set_read_timeout(3s);
  int health_ok = 0, health_sent = 0, hook_ok = 0, hook_sent = 0;
  auto until = std::chrono::steady_clock::now() + 13s;  // past the 10 s request deadline
  while (std::chrono::steady_clock::now() < until) {
    ++health_sent;
    auto h = client.Get("/healthz");
    if (h && h->status == 200) ++health_ok;
    ++hook_sent;
    auto w = client.Post("/webhook/telegram", {{"X-Telegram-Bot-Api-Secret-Token", "wrong"}}, "{}", "application/json");
    if (w && w->status == 401) ++hook_ok;
    std::this_thread::sleep_for(100ms);
  }
  done = true;
  dripper.join();
  long hwm = Hwm();
  for (int fd : fds) ::close(fd);
  std::cout << "[figures] " << kSlow << " slow clients: " << health_ok << " of " << health_sent
            << " healthz answered, " << hook_ok << " of " << hook_sent << " webhooks answered; "
            << reconnects << " slow connections dropped by the deadline and reopened; VmHWM " << hwm / 1024
            << " MiB\n";
  EXPECT_EQ(health_ok, health_sent);
  EXPECT_EQ(hook_ok, hook_sent);
  EXPECT_GE(reconnects, kSlow);  // the 10 s deadline dropped them all at least once
}

TEST_F(HttpEdgeTest, OversizedAndEncodedRequestsAreRefusedWithoutBuffering) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  long before = Hwm();
  std::chrono::milliseconds took{};

  std::string chunk = "4000\r\n" + std::string(0x4000, 'a') + "\r\n";
  std::string chunked = "POST /webhook/telegram HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 2048; ++i) chunked += chunk;  // 32 MiB
  std::string reply = Attack(port, chunked, &took);
  EXPECT_EQ(reply.rfind("HTTP/1.1 411", 0), 0u) << reply.substr(0, 200);
  std::cout << "[figures] chunked 32 MiB: " << reply.substr(0, 12) << " in " << took.count() << " ms\n";

  std::vector<std::thread> gzips;
  std::atomic<int> refused_gzip{0};
  std::string gzip = "POST /webhook/telegram HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 60000\r\n\r\n" +
                     std::string(60000, '\x1f');
  for (int i = 0; i < 6; ++i) {
    gzips.emplace_back([&] {
      if (Attack(port, gzip).rfind("HTTP/1.1 415", 0) == 0) ++refused_gzip;
    });
  }
  for (auto& t : gzips) t.join();
  EXPECT_EQ(refused_gzip, 6);

  reply = Attack(port, "GET /" + std::string(300 << 10, 'a'), &took);
  EXPECT_EQ(reply.rfind("HTTP/1.1 414", 0), 0u) << reply.substr(0, 200);
  EXPECT_LT(took, 2s);
  std::cout << "[figures] 300 KiB request line: " << reply.substr(0, 12) << " in " << took.count() << " ms\n";

  std::string headers = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  std::string line = "X-h: " + std::string(4090, 'b') + "\r\n";
  for (int i = 0; i < 20000; ++i) headers += line;  // 78 MiB
  reply = Attack(port, headers + "\r\n", &took);
  EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 200);
  EXPECT_LT(took, 2s);
  std::cout << "[figures] 20,000 headers x 4 KiB: " << reply.substr(0, 12) << " in " << took.count() << " ms\n";

  reply = Attack(port, "POST /webhook/telegram HTTP/1.1\r\nContent-Length: 70000\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply.substr(0, 200);

  long after = Hwm();
  std::cout << "[figures] server VmHWM before the body attacks " << before / 1024 << " MiB, after " << after / 1024
            << " MiB\n";
  EXPECT_LT(after - before, 32 * 1024);  // KiB: nowhere near the 32-78 MiB sent
  httplib::Client client("127.0.0.1", port);
  auto h = client.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("netra_http_refused_total{reason=\"chunked\"} 1"), std::string::npos);
  EXPECT_NE(metrics->body.find("netra_http_refused_total{reason=\"content_encoding\"} 6"), std::string::npos);
}

TEST_F(HttpEdgeTest, ArbitraryMethodsDoNotCreateMetricSeries) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  for (int i = 0; i < 300; ++i) {
    std::string method = i % 3 == 0 ? "M" + std::to_string(i) + std::string(100, 'A')
                         : i % 3 == 1 ? std::string("\xff\xfe")
                                      : "GET\t" + std::to_string(i);
    Attack(port, method + " /x" + std::to_string(i) + " HTTP/1.1\r\nConnection: close\r\n\r\n");
  }
  httplib::Client client("127.0.0.1", port);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  std::stringstream lines(metrics->body);
  int series = 0;
  std::regex allowed("netra_http_requests_total\\{route=\"(/healthz|/metrics|/webhook/telegram|other)\",method=\"(GET|POST|HEAD|other)\",status=\"\\d{3}\"\\} \\d+");
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("netra_http_requests_total{", 0) != 0) continue;
    ++series;
    EXPECT_TRUE(std::regex_match(line, allowed)) << line;
  }
  std::cout << "[figures] 300 requests with arbitrary methods and paths: " << series
            << " netra_http_requests_total series, /metrics " << metrics->body.size() << " bytes\n";
  EXPECT_LE(series, 4);
  EXPECT_EQ(metrics->body.find('\xff'), std::string::npos);
}

TEST_F(HttpEdgeTest, HealthzIsUnhealthyWhenTheDatabaseCannotBeWritten) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  {
    httplib::Client client("127.0.0.1", port);
    auto h = client.Get("/healthz");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->status, 200) << h->body;
  }
  server_->Signal(SIGTERM);
  ASSERT_EQ(server_->Wait(10s), 0);

  // As the red team did: the server runs as an unprivileged user and the file is read-only.
  std::string db = dir_.file("netra.db");
  ASSERT_EQ(::chmod(db.c_str(), 0444), 0);
  ASSERT_EQ(::chmod(dir_.path().c_str(), 0777), 0);
  bool root = ::geteuid() == 0;
  if (root) {
    for (auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      ASSERT_EQ(::chown(entry.path().c_str(), 65534, 65534), 0);
    }
  }
  int ro_port = Start(Env(), root ? 65534 : -1);
  int code = 0;
  std::string body;
  if (ro_port > 0) {
    httplib::Client client("127.0.0.1", ro_port);
    client.set_read_timeout(10s);
    auto h = client.Get("/healthz");
    if (h) {
      code = h->status;
      body = h->body;
    }
  }
  std::string err_text = server_->Stderr();
  ASSERT_GT(ro_port, 0) << err_text;
  EXPECT_EQ(code, 503) << body;
  EXPECT_NE(body.find("read-only"), std::string::npos) << body;
  std::cout << "[figures] read-only database: /healthz " << code << " " << body << "\n";
}

TEST_F(HttpEdgeTest, ASecondServerOnTheSameDatabaseOrPortIsRefused) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  testing::Subprocess second({NETRA_BINARY, "serve"}, Env(), dir_.file("second-out"), dir_.file("second-err"));
  EXPECT_EQ(second.Wait(10s), 1);
  EXPECT_NE(second.Stderr().find("another netra serve is already using this database"), std::string::npos)
      << second.Stderr();

  testing::TempDir other;
  auto env = Env();
  env["NETRA_DB"] = other.file("netra.db");
  env["NETRA_SECRET_KEY_FILE"] = other.file("netra.key");
  env["NETRA_LISTEN"] = "127.0.0.1:" + std::to_string(port);
  testing::Subprocess third({NETRA_BINARY, "serve"}, env, other.file("out"), other.file("err"));
  EXPECT_EQ(third.Wait(10s), 1);
  EXPECT_NE(third.Stderr().find("cannot listen"), std::string::npos) << third.Stderr();

  httplib::Client client("127.0.0.1", port);
  auto h = client.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
}

}  // namespace
}  // namespace netra
