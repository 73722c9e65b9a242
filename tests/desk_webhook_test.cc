// The reviewer desk through the webhook handler and the real services: a reviewer's role is read
// from the roster in the SQLite file, and a roster that cannot be read makes no citizen of them.
#include <gtest/gtest.h>

#include <sstream>

#include "bot/server.h"
#include "tests/fake_providers.h"
#include "tests/test_util.h"
#include "webhooks/webhook_handler.h"

namespace netra {
namespace {

class DeskWebhookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config c;
    c.db_path = dir_.file("netra.db");
    c.secret_key_file = dir_.file("netra.key");
    c.kb_dir = testing::SourceDir() + "/knowledge";
    c.dialogs_dir = testing::SourceDir() + "/dialogs";
    c.telegram_token = "tok";
    c.telegram_secret = "s3cret";
    c.reviewers = {{"telegram", "9001"}};
    Status s = Services::Open(c, &services_);
    ASSERT_TRUE(s.ok()) << s.message();
    channel_objects_ = EnabledChannels(c, nullptr);
    std::vector<Channel*> channels;
    for (const auto& channel : channel_objects_) channels.push_back(channel.get());
    outbox_ = std::make_unique<Outbox>(services_->db.get(), services_->key, channels);
    handler_ = std::make_unique<WebhookHandler>(
        WebhookDepsFor(services_.get(), channels, outbox_.get(), nullptr, &metrics_, &logger_),
        WebhookHandlerOptions{});
  }
  // Sends `text` from Telegram user `user` and returns the text of every reply queued since (the
  // outbox hands out one pending reply per chat: send each from a chat of its own).
  std::string Send(int64_t user, const std::string& text) {
    WebhookRequest request{[](const std::string& name) {
                             return name == "X-Telegram-Bot-Api-Secret-Token" ? std::string("s3cret") : std::string();
                           },
                           [](const std::string&) { return std::string(); },
                           testing::TelegramText(++update_, user, text).dump()};
    EXPECT_EQ(handler_->Post("telegram", request).status, 200);
    std::vector<OutboxMessage> due;
    EXPECT_TRUE(outbox_->Due("telegram", int64_t{1} << 50, 100, &due).ok());
    std::string out;
    for (size_t i = seen_; i < due.size(); ++i) out += due[i].payload.value("text", "") + "\n";
    seen_ = due.size();
    return out;
  }
  int64_t Denied() {
    return services_->db->sql().execAndGet("SELECT COUNT(*) FROM audit_log WHERE action = 'desk_denied'").getInt64();
  }

  testing::TempDir dir_;
  std::ostringstream log_;
  Logger logger_{&log_};
  Metrics metrics_;
  std::unique_ptr<Services> services_;
  std::vector<std::unique_ptr<Channel>> channel_objects_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<WebhookHandler> handler_;
  int64_t update_ = 0;
  size_t seen_ = 0;
};

TEST_F(DeskWebhookTest, RolesComeFromTheRoster) {
  EXPECT_NE(Send(9001, "/antrian").find("Tidak ada laporan terbuka"), std::string::npos);
  EXPECT_EQ(Denied(), 0);
  EXPECT_NE(Send(5, "/antrian").find("tidak saya kenal"), std::string::npos);
  EXPECT_EQ(Denied(), 1);
  EXPECT_NE(Send(6, "/tanya").find("Silakan tulis pertanyaan"), std::string::npos);
  EXPECT_EQ(Denied(), 1);
}

// Bug: RoleOf swallowed SQLite errors, so the reviewer was refused as a citizen and a false
// desk_denied row was written.
TEST_F(DeskWebhookTest, UnreadableRosterAsksToTryAgainAndRecordsNothing) {
  services_->db->sql().exec("ALTER TABLE reviewer RENAME TO reviewer_elsewhere");
  std::string reply = Send(9001, "/antrian");
  EXPECT_NE(reply.find("Silakan coba lagi"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("tidak saya kenal"), std::string::npos) << reply;
  EXPECT_EQ(Denied(), 0);
  // Questions need no role: they are still answered.
  std::string answer = Send(9002, "bolehkah pns datang ke kampanye?");
  EXPECT_FALSE(answer.empty());
  EXPECT_EQ(answer.find("Silakan coba lagi"), std::string::npos) << answer;
}

}  // namespace
}  // namespace netra
