// End-to-end tests of `netra serve`: the real binary, a real SQLite file, HTTP on loopback.
#include "build_paths.h"
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/fake_providers.h"
#include "tests/http_edge_util.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

namespace netra {
namespace {

using namespace std::chrono_literals;

class ServeTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env() {
    return {{"NETRA_DB", dir_.file("netra.db")},
            {"NETRA_LISTEN", "127.0.0.1:0"},
            {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")},
            {"NETRA_MAX_BODY_BYTES", "4096"}};
  }

  // Starts the server and returns its port, read from the startup hint.
  int Start(std::map<std::string, std::string> env) {
    server_ = std::make_unique<testing::Subprocess>(std::vector<std::string>{NETRA_BINARY, "serve"}, env,
                                                    dir_.file("out.txt"), dir_.file("err.txt"));
    EXPECT_TRUE(server_->WaitForOutput("listening on", 20s)) << server_->Stderr();
    std::smatch m;
    std::string out = server_->Stdout();
    if (!std::regex_search(out, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)"))) return 0;
    return std::stoi(m[1]);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::Subprocess> server_;
};

TEST_F(ServeTest, HealthMetricsAndGracefulStop) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  EXPECT_NE(server_->Stdout().find("telegram: off"), std::string::npos);
  EXPECT_NE(server_->Stdout().find("whatsapp: off"), std::string::npos);

  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto body = nlohmann::json::parse(health->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_GT(body["knowledge_entries"].get<int>(), 60);

  auto missing = client.Get("/nope?token=secret");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  auto big = client.Post("/healthz", std::string(10000, 'x'), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);

  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  const std::string& m = metrics->body;
  EXPECT_NE(m.find("netra_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("netra_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"} 1"), std::string::npos) << m;
  EXPECT_NE(m.find("status=\"413\""), std::string::npos) << m;
  EXPECT_NE(m.find("netra_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.001\"}"), std::string::npos) << m;
  EXPECT_NE(m.find("netra_http_request_duration_seconds_count{route=\"/healthz\"}"), std::string::npos) << m;
  EXPECT_NE(m.find("netra_build_info{version="), std::string::npos);
  EXPECT_EQ(m.find("secret"), std::string::npos);

  auto started = std::chrono::steady_clock::now();
  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(5s), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  std::string log = server_->Stderr();
  EXPECT_NE(log.find("\"event\":\"server_stopped\""), std::string::npos) << log;
  EXPECT_EQ(log.find("secret"), std::string::npos) << "query strings must not be logged";
  // Every log line is one JSON object.
  std::stringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  }
}

// A request a worker is serving when SIGINT arrives is answered whole before the process exits.
// No timing window: the test holds SQLite's write lock so the webhook request cannot finish, proves
// the server has taken it (a later request on a later connection was answered, and the event loop
// reads every ready connection before it looks at a newer one), signals, waits until the listener
// is closed, and only then lets the request go.
TEST_F(ServeTest, InFlightRequestFinishesOnSigint) {
  testing::FakeTelegram telegram;
  auto env = Env();
  env["NETRA_TELEGRAM_TOKEN"] = "123:TEST";
  env["NETRA_TELEGRAM_SECRET"] = "s3cret";
  env["NETRA_TELEGRAM_API"] = telegram.base_url();
  int port = Start(env);
  ASSERT_GT(port, 0);

  SQLite::Database lock_holder(dir_.file("netra.db"), SQLite::OPEN_READWRITE);
  lock_holder.exec("BEGIN IMMEDIATE");  // the server's next write waits (busy timeout 5 s)

  std::string update = testing::TelegramText(1, 5001, "boleh pns ikut kampanye?").dump();
  int in_flight = testing::ConnectLoopback(port);
  ASSERT_GE(in_flight, 0);
  ASSERT_TRUE(testing::SendAll(in_flight, "POST /webhook/telegram HTTP/1.1\r\nHost: netra\r\n"
                                          "X-Telegram-Bot-Api-Secret-Token: s3cret\r\n"
                                          "Content-Type: application/json\r\nContent-Length: " +
                                              std::to_string(update.size()) + "\r\n\r\n" + update));
  httplib::Client client("127.0.0.1", port);
  auto later = client.Get("/metrics");  // not /healthz: it tries a write, so it would wait too
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200);

  server_->Signal(SIGINT);
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (server_->Stderr().find("\"event\":\"server_stopping\"") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  int probe = -1;
  while ((probe = testing::ConnectLoopback(port)) >= 0 && std::chrono::steady_clock::now() < deadline) {
    ::close(probe);
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_LT(probe, 0) << "the listener must close on SIGINT";
  EXPECT_EQ(server_->Wait(0ms), -1) << "the process must wait for the request in flight";

  lock_holder.exec("ROLLBACK");
  std::string reply = testing::ReadUntilClosed(in_flight, 20s);
  ::close(in_flight);
  // Answered whole: 200, or 500 if the server's 5 s busy timeout ran out first (Telegram re-delivers).
  std::smatch head;
  ASSERT_TRUE(std::regex_search(reply, head, std::regex("^HTTP/1\\.1 (200|500) [\\s\\S]*?\r\nContent-Length: (\\d+)\r\n",
                                                        std::regex::icase)))
      << reply;
  size_t body_at = reply.find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos);
  EXPECT_EQ(reply.size() - body_at - 4, std::stoul(head[2])) << reply;
  EXPECT_EQ(server_->Wait(20s), 0) << server_->Stderr();
}

TEST_F(ServeTest, RefusesInvalidConfigurationNamingTheKey) {
  auto env = Env();
  env["NETRA_LISTEN"] = "nowhere";
  std::string out, err;
  EXPECT_EQ(testing::RunNetra({"serve"}, env, dir_.path(), &out, &err), 1);
  EXPECT_NE(err.find("NETRA_LISTEN"), std::string::npos) << err;
}

TEST_F(ServeTest, SighupReloadsAndABrokenBaseKeepsTheOldOne) {
  namespace fs = std::filesystem;
  fs::copy(testing::SourceDir() + "/knowledge", dir_.file("kb"), fs::copy_options::recursive);
  auto env = Env();
  env["NETRA_KB_DIR"] = dir_.file("kb");
  int port = Start(env);
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);

  server_->Signal(SIGHUP);
  auto wait_for_metric = [&](const std::string& needle) {
    for (int i = 0; i < 200; ++i) {
      auto m = client.Get("/metrics");
      if (m && m->body.find(needle) != std::string::npos) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  };
  EXPECT_TRUE(wait_for_metric("netra_knowledge_reloads_total{result=\"ok\"} 1"));

  std::ofstream(dir_.file("kb/entries/zz-broken.json")) << "[{\"id\": ";
  server_->Signal(SIGHUP);
  EXPECT_TRUE(wait_for_metric("netra_knowledge_reloads_total{result=\"refused\"} 1"));
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_NE(server_->Stderr().find("zz-broken.json"), std::string::npos);
  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(5s), 0);
}

TEST_F(ServeTest, HealthzReportsAMissingDatabase) {
  int port = Start(Env());
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  auto r = client.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  std::filesystem::remove(dir_.file("netra.db"));
  r = client.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(nlohmann::json::parse(r->body)["status"], "unavailable");
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

TEST(ServeTlsTest, ServesHttpsDirectlyWithTheGivenCertificate) {
  if (!std::filesystem::exists("/usr/bin/openssl")) GTEST_SKIP() << "openssl command not installed";
  testing::TempDir dir;
  std::string cmd = "/usr/bin/openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                    dir.file("key.pem") + " -out " + dir.file("cert.pem") + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::map<std::string, std::string> env = {{"NETRA_DB", dir.file("netra.db")},
                                            {"NETRA_LISTEN", "127.0.0.1:0"},
                                            {"NETRA_SECRET_KEY_FILE", dir.file("netra.key")},
                                            {"NETRA_TLS_CERT", dir.file("cert.pem")},
                                            {"NETRA_TLS_KEY", dir.file("key.pem")}};
  testing::Subprocess server({NETRA_BINARY, "serve"}, env, dir.file("out.txt"), dir.file("err.txt"));
  ASSERT_TRUE(server.WaitForOutput("listening on https://", std::chrono::seconds(20))) << server.Stderr();
  std::smatch m;
  std::string out = server.Stdout();
  ASSERT_TRUE(std::regex_search(out, m, std::regex("127\\.0\\.0\\.1:(\\d+)")));
  httplib::SSLClient client("127.0.0.1", std::stoi(m[1]));
  client.set_ca_cert_path(dir.file("cert.pem").c_str());
  client.enable_server_certificate_verification(true);
  auto r = client.Get("/healthz");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(std::chrono::seconds(5)), 0);
}

}  // namespace
}  // namespace netra
