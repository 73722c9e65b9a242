// End-to-end tests of the webhooks: the real netra binary against fake Telegram and WhatsApp
// servers on loopback.
#include "build_paths.h"
#include <gtest/gtest.h>
#include <httplib.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <regex>
#include <set>

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
constexpr char kVerify[] = "wa-verify";

class WebhookTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env() {
    return {{"NETRA_DB", dir_.file("netra.db")},
            {"NETRA_LISTEN", "127.0.0.1:0"},
            {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")},
            {"NETRA_MAX_BODY_BYTES", "65536"},
            {"NETRA_TELEGRAM_TOKEN", "123:TEST"},
            {"NETRA_TELEGRAM_SECRET", kSecret},
            {"NETRA_TELEGRAM_API", telegram_.base_url()},
            {"NETRA_WHATSAPP_TOKEN", "wa-token"},
            {"NETRA_WHATSAPP_APP_SECRET", kAppSecret},
            {"NETRA_WHATSAPP_VERIFY_TOKEN", kVerify},
            {"NETRA_WHATSAPP_PHONE_ID", "106540352242922"},
            {"NETRA_WHATSAPP_API", whatsapp_.base_url() + "/v21.0"}};
  }

  void Start() {
    ++starts_;
    server_ = std::make_unique<testing::Subprocess>(std::vector<std::string>{NETRA_BINARY, "serve"}, Env(),
                                                    dir_.file("out" + std::to_string(starts_) + ".txt"),
                                                    dir_.file("err" + std::to_string(starts_) + ".txt"));
    ASSERT_TRUE(server_->WaitForOutput("listening on", 20s)) << server_->Stderr();
    std::smatch m;
    std::string out = server_->Stdout();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("127\\.0\\.0\\.1:(\\d+)")));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", std::stoi(m[1]));
  }

  httplib::Result PostTelegram(const nlohmann::json& update, const std::string& secret = kSecret) {
    httplib::Headers h;
    if (!secret.empty()) h.emplace("X-Telegram-Bot-Api-Secret-Token", secret);
    return client_->Post("/webhook/telegram", h, update.dump(), "application/json");
  }

  httplib::Result PostWhatsApp(const std::string& body, const std::string& secret = kAppSecret) {
    httplib::Headers h = {{"X-Hub-Signature-256", "sha256=" + ToHex(HmacSha256(secret, body))}};
    return client_->Post("/webhook/whatsapp", h, body, "application/json");
  }

  std::vector<testing::RecordedCall> Sent(testing::FakeProvider& p, const std::string& method) {
    std::vector<testing::RecordedCall> out;
    for (const auto& c : p.delivered()) {
      if (c.path.find(method) != std::string::npos) out.push_back(c);
    }
    return out;
  }

  testing::TempDir dir_;
  FakeTelegram telegram_;
  FakeWhatsApp whatsapp_;
  std::unique_ptr<testing::Subprocess> server_;
  std::unique_ptr<httplib::Client> client_;
  int starts_ = 0;
};

TEST_F(WebhookTest, TelegramConversationWithButtons) {
  ASSERT_NO_FATAL_FAILURE(Start());
  auto r = PostTelegram(testing::TelegramText(1001, 555001, "/start"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(telegram_.WaitForDelivered(2, 10s));
  auto sent = Sent(telegram_, "/bot123:TEST/sendMessage");
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].body["chat_id"], "555001");
  EXPECT_NE(sent[0].body["text"].get<std::string>().find("selamat datang"), std::string::npos);
  ASSERT_TRUE(sent[1].body.contains("reply_markup"));
  auto keyboard = sent[1].body["reply_markup"]["inline_keyboard"];
  ASSERT_EQ(keyboard.size(), 4u);
  EXPECT_EQ(keyboard[0][0]["callback_data"], "tanya");

  r = PostTelegram(testing::TelegramCallback(1002, 555001, "tanya"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(telegram_.WaitForDelivered(4, 10s));
  auto answered = Sent(telegram_, "/answerCallbackQuery");
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(answered[0].body["callback_query_id"], "cbq-1002");

  r = PostTelegram(testing::TelegramText(1003, 555001, "pns boleh jadi timses paslon gak?"));
  ASSERT_TRUE(telegram_.WaitForDelivered(5, 10s));
  sent = Sent(telegram_, "/sendMessage");
  EXPECT_EQ(sent.back().body["text"].get<std::string>().rfind("⛔ Tidak boleh", 0), 0u) << sent.back().body.dump();
}

// "📜 Bunyi pasal" on both channels: the answer carries the button; pressing it sends the law's words.
TEST_F(WebhookTest, LawTextButtonOnTelegramAndWhatsApp) {
  ASSERT_NO_FATAL_FAILURE(Start());
  ASSERT_EQ(PostTelegram(testing::TelegramCallback(2001, 555002, "entry:atribut"))->status, 200);
  ASSERT_TRUE(telegram_.WaitForDelivered(2, 10s));
  auto sent = Sent(telegram_, "/sendMessage");
  ASSERT_FALSE(sent.empty());
  std::string keyboard = sent.back().body["reply_markup"].dump();
  EXPECT_NE(keyboard.find(R"("callback_data":"law:atribut")"), std::string::npos) << keyboard;
  EXPECT_NE(keyboard.find("📜 Bunyi pasal"), std::string::npos);
  const std::string words = "dengan cara menjadi peserta kampanye dengan menggunakan atribut partai";
  auto wait_for = [&](testing::FakeProvider& p, const std::string& needle) {
    for (int i = 0; i < 150; ++i) {
      std::string all;
      for (const auto& c : p.delivered()) all += c.body.dump();
      if (all.find(needle) != std::string::npos) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  };
  ASSERT_EQ(PostTelegram(testing::TelegramCallback(2002, 555002, "law:atribut"))->status, 200);
  EXPECT_TRUE(wait_for(telegram_, words));

  auto press = [&](const std::string& wamid, const std::string& id) {
    nlohmann::json m = {{"type", "interactive"},
                        {"interactive", {{"type", "list_reply"}, {"list_reply", {{"id", id}, {"title", "x"}}}}}};
    return PostWhatsApp(testing::WhatsAppMessage(wamid, "6281234567009", m).dump());
  };
  ASSERT_EQ(press("wamid.L1", "entry:atribut")->status, 200);
  EXPECT_TRUE(wait_for(whatsapp_, R"("id":"law:atribut")"));
  ASSERT_EQ(press("wamid.L2", "law:atribut")->status, 200);
  EXPECT_TRUE(wait_for(whatsapp_, words));
}

TEST_F(WebhookTest, TelegramRefusesForgeriesAndBadBodies) {
  ASSERT_NO_FATAL_FAILURE(Start());
  auto r = PostTelegram(testing::TelegramText(2001, 555002, "/start"), "wrong-secret");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = PostTelegram(testing::TelegramText(2002, 555002, "/start"), "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  httplib::Headers h = {{"X-Telegram-Bot-Api-Secret-Token", kSecret}};
  r = client_->Post("/webhook/telegram", h, "{not json", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = client_->Post("/webhook/telegram", h, R"({"message":{}})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = client_->Post("/webhook/telegram", h, std::string(70000, ' '), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  // Edited messages and channel posts are acknowledged on purpose, with no reply.
  r = PostTelegram({{"update_id", 2003}, {"edited_message", {{"message_id", 1}, {"text", "x"}}}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(telegram_.calls().empty());
  // Nothing of the forgeries was kept.
  SQLite::Database db(dir_.file("netra.db"));
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM processed_update").getInt(), 1);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM session").getInt(), 0);
}

TEST_F(WebhookTest, DuplicateDeliveryGivesOneReply) {
  ASSERT_NO_FATAL_FAILURE(Start());
  auto update = testing::TelegramText(3001, 555003, "bolehkah asn memasang baliho calon di rumah?");
  for (int i = 0; i < 3; ++i) {
    auto r = PostTelegram(update);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  ASSERT_TRUE(telegram_.WaitForDelivered(1, 10s));
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(Sent(telegram_, "/sendMessage").size(), 1u);
}

TEST_F(WebhookTest, ServerErrorThenSuccessDeliversOnce) {
  telegram_.Script({FakeTelegram::ServerError()});
  ASSERT_NO_FATAL_FAILURE(Start());
  ASSERT_TRUE(PostTelegram(testing::TelegramText(4001, 555004, "apa sanksi asn tidak netral?")));
  ASSERT_TRUE(telegram_.WaitForDelivered(1, 15s));
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(telegram_.calls().size(), 2u);
  EXPECT_EQ(Sent(telegram_, "/sendMessage").size(), 1u);
}

TEST_F(WebhookTest, TooManyRequestsHonoursRetryAfter) {
  telegram_.Script({FakeTelegram::TooManyRequests(2)});
  ASSERT_NO_FATAL_FAILURE(Start());
  auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(PostTelegram(testing::TelegramText(5001, 555005, "apa dasar hukum netralitas asn?")));
  ASSERT_TRUE(telegram_.WaitForDelivered(1, 15s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1500ms);
  EXPECT_EQ(telegram_.calls().size(), 2u);
}

TEST_F(WebhookTest, BlockedUserIsAPermanentFailureNotRetried) {
  telegram_.Script({FakeTelegram::Blocked()});
  ASSERT_NO_FATAL_FAILURE(Start());
  ASSERT_TRUE(PostTelegram(testing::TelegramText(6001, 555006, "apa dasar hukum netralitas asn?")));
  std::this_thread::sleep_for(2500ms);
  EXPECT_EQ(telegram_.calls().size(), 1u);
  auto m = client_->Get("/metrics");
  ASSERT_TRUE(m);
  EXPECT_NE(m->body.find("netra_outbox_send_failures_total{channel=\"telegram\",kind=\"permanent\"} 1"), std::string::npos);
}

TEST_F(WebhookTest, KillNineWithRepliesPendingLosesNothing) {
  // The provider is down: every reply stays in the outbox.
  std::vector<FakeTelegram::Answer> down(200, FakeTelegram::ServerError());
  telegram_.Script(down);
  ASSERT_NO_FATAL_FAILURE(Start());
  for (int i = 0; i < 5; ++i) {
    auto r = PostTelegram(testing::TelegramText(7001 + i, 557000 + i, "apa sanksi asn tidak netral?"));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
  }
  server_->Signal(SIGKILL);
  server_->Wait(5s);
  telegram_.Script({});
  ASSERT_NO_FATAL_FAILURE(Start());
  ASSERT_TRUE(telegram_.WaitForDelivered(5, 20s));
  std::this_thread::sleep_for(1s);
  auto sent = Sent(telegram_, "/sendMessage");
  ASSERT_EQ(sent.size(), 5u);
  std::set<std::string> chats;
  for (const auto& c : sent) chats.insert(c.body["chat_id"].get<std::string>());
  EXPECT_EQ(chats.size(), 5u);
  SQLite::Database db(dir_.file("netra.db"));
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM outbox").getInt(), 0) << "delivered messages are removed";
}

TEST_F(WebhookTest, WhatsAppHandshake) {
  ASSERT_NO_FATAL_FAILURE(Start());
  auto r = client_->Get("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=wa-verify&hub.challenge=1158201444");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "1158201444");
  r = client_->Get("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST_F(WebhookTest, WhatsAppConversationAndForgeries) {
  ASSERT_NO_FATAL_FAILURE(Start());
  std::string body = testing::WhatsAppMessage("wamid.A1", "6281234567001",
                                              {{"type", "text"}, {"text", {{"body", "halo"}}}}).dump();
  auto r = PostWhatsApp(body, "forged-secret");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = client_->Post("/webhook/whatsapp", body, "application/json");  // no signature at all
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = PostWhatsApp("{\"object\":");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);

  r = PostWhatsApp(body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  r = PostWhatsApp(body);  // redelivered
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  ASSERT_TRUE(whatsapp_.WaitForDelivered(2, 10s));
  std::this_thread::sleep_for(500ms);
  auto sent = whatsapp_.delivered();
  ASSERT_EQ(sent.size(), 2u) << "greeting and menu, once";
  EXPECT_EQ(sent[0].path, "/v21.0/106540352242922/messages");
  EXPECT_EQ(sent[0].authorization, "Bearer wa-token");
  EXPECT_EQ(sent[0].body["messaging_product"], "whatsapp");
  EXPECT_EQ(sent[0].body["to"], "6281234567001");
  const auto& menu = sent[1].body;
  EXPECT_EQ(menu["type"], "interactive");
  EXPECT_EQ(menu["interactive"]["type"], "list");  // four choices: more than three buttons
  EXPECT_LE(menu["interactive"]["action"]["sections"][0]["rows"].size(), 10u);

  std::string press = testing::WhatsAppMessage(
      "wamid.A2", "6281234567001",
      {{"type", "interactive"}, {"interactive", {{"type", "list_reply"}, {"list_reply", {{"id", "lapor"}, {"title", "Laporkan"}}}}}})
                          .dump();
  ASSERT_TRUE(PostWhatsApp(press));
  ASSERT_TRUE(whatsapp_.WaitForDelivered(3, 10s));
  auto intro = whatsapp_.delivered().back().body;
  EXPECT_EQ(intro["interactive"]["type"], "button");
  // The shipped buttons are short, so they arrive uncut (cutting long titles is tested in
  // webhooks/whatsapp/whatsapp_channel_test.cc, RenderWhatsAppTest.ButtonAndRowTitlesAreCutToTheLimits).
  for (const auto& b : intro["interactive"]["action"]["buttons"]) {
    std::string title = b["reply"]["title"];
    EXPECT_FALSE(title.empty());
    EXPECT_EQ(title.find("…"), std::string::npos) << title;
  }
  // Delivery statuses are accepted and counted.
  nlohmann::json status = {{"object", "whatsapp_business_account"},
                           {"entry", {{{"id", "1"}, {"changes", {{{"field", "messages"}, {"value", {{"statuses", {{{"id", "wamid.OUT"}, {"status", "delivered"}, {"timestamp", "1"}, {"recipient_id", "6281234567001"}}}}}}}}}}}}};
  r = PostWhatsApp(status.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

TEST(TelegramCommandsTest, SetWebhookSendsSecretAndAllowedUpdates) {
  testing::TempDir dir;
  FakeTelegram telegram;
  std::map<std::string, std::string> env = {{"NETRA_TELEGRAM_TOKEN", "123:TEST"},
                                            {"NETRA_TELEGRAM_SECRET", "s3cret"},
                                            {"NETRA_TELEGRAM_API", telegram.base_url()}};
  std::string out, err;
  EXPECT_EQ(testing::RunNetra({"telegram", "set-webhook", "https://netra.example.id/webhook/telegram",
                               "--max-connections", "20"}, env, dir.path(), &out, &err), 0) << err;
  ASSERT_EQ(telegram.calls().size(), 1u);
  auto call = telegram.calls()[0];
  EXPECT_EQ(call.path, "/bot123:TEST/setWebhook");
  EXPECT_EQ(call.body["url"], "https://netra.example.id/webhook/telegram");
  EXPECT_EQ(call.body["secret_token"], "s3cret");
  EXPECT_EQ(call.body["max_connections"], 20);
  EXPECT_EQ(call.body["allowed_updates"], nlohmann::json({"message", "callback_query"}));
  EXPECT_EQ(testing::RunNetra({"telegram", "webhook-info"}, env, dir.path(), &out, &err), 0) << err;
  EXPECT_EQ(telegram.calls().back().path, "/bot123:TEST/getWebhookInfo");
}

}  // namespace
}  // namespace netra
