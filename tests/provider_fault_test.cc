// The real netra binary against fake providers that answer oddly or hang: the process never
// dies of a provider's answer, not even after a restart with the odd message still pending.
#include "build_paths.h"
#include <gtest/gtest.h>
#include <httplib.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <regex>

#include "privacy/crypto.h"
#include "tests/fake_providers.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

namespace netra {
namespace {

using namespace std::chrono_literals;
using testing::FakeTelegram;
using testing::FakeWhatsApp;

constexpr char kSecret[] = "tg-secret_123";
constexpr char kAppSecret[] = "wa-app-secret";

class ProviderFaultTest : public ::testing::Test {
 protected:
  void TearDown() override {
    telegram_.Release();
    whatsapp_.Release();
  }

  void Start() {
    ++starts_;
    std::map<std::string, std::string> env = {{"NETRA_DB", dir_.file("netra.db")},
                                              {"NETRA_LISTEN", "127.0.0.1:0"},
                                              {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")},
                                              {"NETRA_TELEGRAM_TOKEN", "123:TEST"},
                                              {"NETRA_TELEGRAM_SECRET", kSecret},
                                              {"NETRA_TELEGRAM_API", telegram_.base_url()},
                                              {"NETRA_WHATSAPP_TOKEN", "wa-token"},
                                              {"NETRA_WHATSAPP_APP_SECRET", kAppSecret},
                                              {"NETRA_WHATSAPP_VERIFY_TOKEN", "wa-verify"},
                                              {"NETRA_WHATSAPP_PHONE_ID", "106540352242922"},
                                              {"NETRA_WHATSAPP_API", whatsapp_.base_url() + "/v21.0"}};
    server_ = std::make_unique<testing::Subprocess>(std::vector<std::string>{NETRA_BINARY, "serve"}, env,
                                                    dir_.file("out" + std::to_string(starts_) + ".txt"),
                                                    dir_.file("err" + std::to_string(starts_) + ".txt"));
    ASSERT_TRUE(server_->WaitForOutput("listening on", 20s)) << server_->Stderr();
    std::smatch m;
    std::string out = server_->Stdout();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("127\\.0\\.0\\.1:(\\d+)")));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", std::stoi(m[1]));
  }

  bool Alive() { return server_->Wait(0ms) == -1; }

  httplib::Result PostTelegram(const nlohmann::json& update) {
    return client_->Post("/webhook/telegram", {{"X-Telegram-Bot-Api-Secret-Token", kSecret}}, update.dump(),
                         "application/json");
  }
  httplib::Result PostWhatsApp(const std::string& body) {
    httplib::Headers h = {{"X-Hub-Signature-256", "sha256=" + ToHex(HmacSha256(kAppSecret, body))}};
    return client_->Post("/webhook/whatsapp", h, body, "application/json");
  }

  testing::TempDir dir_;
  FakeTelegram telegram_;
  FakeWhatsApp whatsapp_;
  std::unique_ptr<testing::Subprocess> server_;
  std::unique_ptr<httplib::Client> client_;
  int starts_ = 0;
};

TEST_F(ProviderFaultTest, OddRepliesAcrossARestartNeverCrash) {
  // The shapes that used to end the process (red team M1), then success.
  telegram_.Script({{200, R"({"ok":"false"})"},
                    {429, R"({"ok":false,"parameters":{"retry_after":[1]}})"},
                    {200, R"({"ok":false,"description":5})"}});
  ASSERT_NO_FATAL_FAILURE(Start());
  auto r = PostTelegram(testing::TelegramText(9001, 559001, "apa sanksi asn tidak netral?"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  ASSERT_TRUE(telegram_.WaitForCalls(1, 10s));
  std::this_thread::sleep_for(300ms);
  ASSERT_TRUE(Alive()) << server_->Stderr();
  // Restart with the message still pending: the next odd reply must not end the new process.
  server_->Signal(SIGKILL);
  server_->Wait(5s);
  ASSERT_NO_FATAL_FAILURE(Start());
  // The fake counts every 200 as delivered, odd or not: wait for the fourth call and the empty outbox.
  ASSERT_TRUE(telegram_.WaitForCalls(4, 25s)) << server_->Stderr();
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(Alive()) << server_->Stderr();
  EXPECT_EQ(telegram_.calls().size(), 4u);
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  SQLite::Database db(dir_.file("netra.db"));
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM outbox").getInt(), 0);
  EXPECT_EQ(telegram_.calls().back().body["text"], telegram_.calls().front().body["text"]);
}

TEST_F(ProviderFaultTest, HangingWhatsAppDoesNotDelayTelegramReplies) {
  whatsapp_.AnswerAlways(FakeWhatsApp::Hang());
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string body = testing::WhatsAppMessage("wamid.H1", "6281234567009", {{"type", "text"}, {"text", {{"body", "halo"}}}}).dump();
  auto r = PostWhatsApp(body);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  ASSERT_TRUE(whatsapp_.WaitForCalls(1, 5s));  // hanging from now on
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    r = PostTelegram(testing::TelegramText(9101 + i, 559101 + i, "apa dasar hukum netralitas asn?"));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
  }
  ASSERT_TRUE(telegram_.WaitForDelivered(5, 5s));
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  EXPECT_LT(took, 2000ms);
  std::cout << "[ measured ] 5 Telegram replies through the real server in " << took.count()
            << " ms while WhatsApp hangs\n";
  whatsapp_.Release();  // so the server's shutdown need not wait for the read timeout
}

}  // namespace
}  // namespace netra
