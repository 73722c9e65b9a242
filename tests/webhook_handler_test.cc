// The webhook handler in-process, on a real SQLite file with the shipped scripts and knowledge
// base: type-confused provider JSON, realistic WhatsApp ids, and the quarantine of poison updates.
#include "webhooks/webhook_handler.h"

#include "bot/server.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "privacy/crypto.h"
#include "tests/fake_providers.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

namespace netra {
namespace {

using testing::SourceDir;
using testing::TempDir;

class WebhookHandlerTest : public ::testing::Test {
 protected:
  void Open(WebhookHandlerOptions options = {}, std::vector<Channel*> extra_channels = {}) {
    Config c;
    c.db_path = dir_.file("netra.db");
    c.secret_key_file = dir_.file("netra.key");
    c.kb_dir = SourceDir() + "/knowledge";
    c.dialogs_dir = SourceDir() + "/dialogs";
    c.telegram_token = "tok";
    c.telegram_secret = "s3cret";
    c.whatsapp_token = "wtok";
    c.whatsapp_app_secret = "app-secret";
    c.whatsapp_verify_token = "verify";
    c.whatsapp_phone_id = "106540352242922";
    Status s = Services::Open(c, &services_);
    ASSERT_TRUE(s.ok()) << s.message();
    channel_objects_ = EnabledChannels(c, nullptr);
    std::vector<Channel*> channels;
    for (const auto& channel : channel_objects_) channels.push_back(channel.get());
    channels.insert(channels.end(), extra_channels.begin(), extra_channels.end());
    outbox_ = std::make_unique<Outbox>(services_->db.get(), services_->key, channels);
    handler_ = std::make_unique<WebhookHandler>(
        WebhookDepsFor(services_.get(), channels, outbox_.get(), nullptr, &metrics_, &logger_), options);
  }
  // A request with these headers (names as the provider writes them) and query parameters.
  static WebhookRequest Request(std::map<std::string, std::string> headers, const std::string& body,
                                std::map<std::string, std::string> params = {}) {
    auto lookup = [](std::map<std::string, std::string> m) {
      return [m](const std::string& name) {
        auto it = m.find(name);
        return it == m.end() ? std::string() : it->second;
      };
    };
    return {lookup(std::move(headers)), lookup(std::move(params)), body};
  }
  WebhookResponse Telegram(const std::string& body) {
    return handler_->Post("telegram", Request({{"X-Telegram-Bot-Api-Secret-Token", "s3cret"}}, body));
  }
  WebhookResponse WhatsApp(const std::string& body) {
    return handler_->Post("whatsapp",
                          Request({{"X-Hub-Signature-256", "sha256=" + ToHex(HmacSha256("app-secret", body))}}, body));
  }
  int64_t Count(const std::string& sql) { return services_->db->sql().execAndGet(sql).getInt64(); }

  TempDir dir_;
  std::ostringstream log_;
  Logger logger_{&log_};
  Metrics metrics_;
  std::unique_ptr<Services> services_;
  std::vector<std::unique_ptr<Channel>> channel_objects_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<WebhookHandler> handler_;
};

// Red team L2: a known field with the wrong type is the sender's error (400), never a 500 that the
// provider retries for days.
TEST_F(WebhookHandlerTest, TypeConfusedTelegramUpdatesAre400) {
  Open();
  const char* bodies[] = {
      R"({"update_id":1,"message":{"message_id":1,"from":"x","chat":{"id":5,"type":"private"},"text":"hi"}})",
      R"({"update_id":2,"message":{"message_id":1,"from":{"id":5},"chat":{"id":5,"type":"private"},"photo":[{"file_id":"a"}],"caption":5}})",
      R"({"update_id":3,"message":{"message_id":1,"from":{"id":5},"chat":{"id":5},"photo":["x"]}})",
      R"({"update_id":4,"message":{"from":{"id":5},"chat":"x","text":"hi"}})",
      R"({"update_id":5,"message":{"from":{"id":5},"chat":{"id":5,"type":7},"text":"hi"}})",
      R"({"update_id":6,"message":{"from":{"id":5},"chat":{"id":5},"text":["hi"]}})",
      R"({"update_id":7,"message":{"from":{"id":[5]},"chat":{"id":5},"text":"hi"}})",
      R"({"update_id":8,"message":{"from":{"id":5},"chat":{"id":5},"document":"x"}})",
      R"({"update_id":9,"message":{"from":{"id":5},"chat":{"id":5},"document":{"file_id":"d","file_size":"9"}}})",
      R"({"update_id":10,"message":{"from":{"id":5},"chat":{"id":5},"location":{"latitude":"-6.2","longitude":106.8}}})",
      R"({"update_id":11,"callback_query":{"id":"c","from":{"id":5},"data":5}})",
      R"({"update_id":12,"callback_query":"x"})",
      R"({"update_id":13,"message":[]})",
      R"({"update_id":"14","message":{"from":{"id":5},"chat":{"id":5},"text":"hi"}})",
      R"({"update_id":15.5,"message":{"from":{"id":5},"chat":{"id":5},"text":"hi"}})",
      R"([1,2])",
      R"("update")",
  };
  for (const char* body : bodies) EXPECT_EQ(Telegram(body).status, 400) << body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM processed_update"), 0);
}

TEST_F(WebhookHandlerTest, TypeConfusedWhatsAppNotificationsAre400) {
  Open();
  auto with = [](const std::string& message) {
    return R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[)" +
           message + "]}}]}]}";
  };
  const std::vector<std::string> bodies = {
      with(R"({"from":"6281","id":"wamid.A","type":"text","text":{"body":5}})"),
      with(R"({"from":"6281","id":"wamid.A","type":"text","text":"hi"})"),
      with(R"({"from":"6281","id":5,"type":"text","text":{"body":"hi"}})"),
      with(R"({"from":"6281","id":"wamid.A","type":7})"),
      with(R"({"from":"6281","id":"wamid.A","type":"image","image":{"id":5}})"),
      with(R"({"from":"6281","id":"wamid.A","type":"location","location":{"latitude":"x"}})"),
      with(R"({"from":"6281","id":"wamid.A","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":1}}})"),
      with(R"("x")"),
      R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":["x"]}}]}]})",
      R"({"object":"whatsapp_business_account","entry":[{"changes":"x"}]})",
      R"({"object":"whatsapp_business_account","entry":["x"]})",
      R"({"object":"whatsapp_business_account","entry":{}})",
      R"({"object":5,"entry":[]})",
  };
  for (const auto& body : bodies) EXPECT_EQ(WhatsApp(body).status, 400) << body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM processed_update"), 0);
}

// Red team L7: update_id 2^64-1 used to alias -1 and be dropped as a duplicate.
TEST_F(WebhookHandlerTest, LargestUpdateIdDoesNotAliasMinusOne) {
  Open();
  std::string a = testing::TelegramText(1, 5, "halo").dump();
  std::string b = a;
  a.replace(a.find("\"update_id\":1"), 13, "\"update_id\":18446744073709551615");
  b.replace(b.find("\"update_id\":1"), 13, "\"update_id\":-1");
  EXPECT_EQ(Telegram(a).status, 200);
  EXPECT_EQ(Telegram(b).status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM processed_update"), 2);
}

// Red team C2: a wamid carries the sender's number; neither may be stored, in any encoding, and
// the de-duplication must still work on the digest.
TEST_F(WebhookHandlerTest, RealisticWamidIsNeverStoredButStillDeduplicates) {
  Open();
  const std::string phone = "6281388877766";
  std::vector<std::string> wamids;
  for (int i = 1; i <= 3; ++i) {
    wamids.push_back(testing::RealisticWamid(phone, i));
    std::string body = testing::WhatsAppMessage(wamids.back(), phone, {{"type", "text"}, {"text", {{"body", "/start"}}}}).dump();
    ASSERT_EQ(WhatsApp(body).status, 200);
    ASSERT_EQ(WhatsApp(body).status, 200);  // a redelivery
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM processed_update WHERE channel = 'whatsapp'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM processed_update WHERE length(update_key) = 32 AND processed_at % 86400 = 0"), 3);
  std::string text = metrics_.RenderPrometheus();
  EXPECT_NE(text.find(R"(netra_updates_total{channel="whatsapp",outcome="duplicate"} 3)"), std::string::npos) << text;

  std::vector<std::string> needles = testing::EncodedForms(phone);
  for (const auto& w : wamids) {
    needles.push_back(w);
    needles.push_back(w.substr(6));  // the base64 part alone
  }
  services_.reset();  // close, so everything is in the files
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir_.path())) {
    std::ifstream in(f.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ++files;
    for (const auto& n : needles) EXPECT_EQ(bytes.find(n), std::string::npos) << n << " in " << f.path();
  }
  EXPECT_GE(files, 2);
  EXPECT_EQ(log_.str().find(phone), std::string::npos);
}

// An update that fails twice (here: every update is over a zero time budget) is quarantined on its
// third delivery: acknowledged, kept without user text, counted, and the user told politely.
TEST_F(WebhookHandlerTest, PoisonUpdateIsQuarantinedAfterTwoFailures) {
  WebhookHandlerOptions options;
  options.update_budget = std::chrono::milliseconds(0);
  Open(options);
  const std::string secret_text = "Pak Wiryawan dari dinas {who}";
  std::string body = testing::TelegramText(77, 5001, secret_text).dump();
  EXPECT_EQ(Telegram(body).status, 500);
  EXPECT_EQ(Telegram(body).status, 500);
  EXPECT_EQ(Count("SELECT attempts FROM update_attempt"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);  // the failed attempts left nothing behind
  EXPECT_EQ(Telegram(body).status, 200);
  EXPECT_EQ(Telegram(body).status, 200);  // and now it is a plain duplicate
  EXPECT_EQ(Count("SELECT COUNT(*) FROM quarantined_update WHERE channel = 'telegram' AND kind = 'text' AND "
                  "attempts = 2 AND reason = 'time budget exceeded' AND quarantined_at % 3600 = 0"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM update_attempt"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM session"), 0);  // the dialog never ran
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE method = 'sendMessage' AND payload LIKE '%gangguan teknis%'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM quarantined_update WHERE instr(reason || kind || update_key, 'Wiryawan') > 0"), 0);
  std::string text = metrics_.RenderPrometheus();
  EXPECT_NE(text.find(R"(netra_updates_quarantined_total{channel="telegram"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(netra_updates_total{channel="telegram",outcome="quarantined"} 1)"), std::string::npos);

  std::string out, err;
  std::map<std::string, std::string> env = {{"NETRA_DB", dir_.file("netra.db")},
                                            {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")}};
  services_.reset();
  ASSERT_EQ(testing::RunNetra({"quarantine", "list"}, env, dir_.path(), &out, &err), 0) << err;
  EXPECT_NE(out.find("telegram\t"), std::string::npos) << out;
  EXPECT_NE(out.find("time budget exceeded"), std::string::npos) << out;
  EXPECT_NE(out.find("1 quarantined update"), std::string::npos) << out;
  EXPECT_EQ(out.find("Wiryawan"), std::string::npos);
}

// With a normal budget, an update runs once and leaves no attempt behind.
TEST_F(WebhookHandlerTest, HealthyUpdateLeavesNoAttempt) {
  Open();
  EXPECT_EQ(Telegram(testing::TelegramText(1, 5, "/start").dump()).status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM update_attempt"), 0);
  EXPECT_GE(Count("SELECT COUNT(*) FROM outbox"), 1);
}

// Each channel verifies its own requests: a wrong secret or signature is 401 and runs nothing;
// WhatsApp's GET handshake answers the challenge only with the verify token; a channel that is not
// enabled has no webhook.
TEST_F(WebhookHandlerTest, ChannelsVerifyTheirOwnRequests) {
  Open();
  std::string body = testing::TelegramText(1, 5, "/start").dump();
  EXPECT_EQ(handler_->Post("telegram", Request({{"X-Telegram-Bot-Api-Secret-Token", "wrong"}}, body)).status, 401);
  EXPECT_EQ(handler_->Post("telegram", Request({}, body)).status, 401);
  EXPECT_EQ(handler_->Post("whatsapp", Request({{"X-Hub-Signature-256", "sha256=00"}}, "{}")).status, 401);
  std::string signed_for_other = "sha256=" + ToHex(HmacSha256("app-secret", "{}"));
  EXPECT_EQ(handler_->Post("whatsapp", Request({{"X-Hub-Signature-256", signed_for_other}}, "{ }")).status, 401);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM processed_update"), 0);

  WebhookResponse ok = handler_->Subscribe(
      "whatsapp", Request({}, "", {{"hub.mode", "subscribe"}, {"hub.verify_token", "verify"}, {"hub.challenge", "42"}}));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "42");
  EXPECT_EQ(handler_->Subscribe("whatsapp", Request({}, "", {{"hub.mode", "subscribe"}, {"hub.verify_token", "x"},
                                                             {"hub.challenge", "42"}}))
                .status,
            403);
  EXPECT_EQ(handler_->Subscribe("telegram", Request({}, "", {{"hub.mode", "subscribe"}})).status, 403);
  EXPECT_EQ(handler_->Post("signal", Request({}, body)).status, 404);
}

// A channel Netra does not ship is served by the same handler: verified, parsed and answered
// through its own Channel, its replies queued under its name.
class PigeonChannel : public Channel {
 public:
  const std::string& name() const override { return name_; }
  bool Verify(const WebhookRequest& request) const override { return request.header("X-Pigeon-Ring") == "ring-1"; }
  Status Parse(const nlohmann::json& body, std::vector<ChannelUpdate>* updates) const override {
    ChannelUpdate u;
    u.kind = ChannelUpdate::Kind::kMessage;
    u.update_key = body.at("id").get<std::string>();
    u.user_id = body.at("from").get<std::string>();
    u.address = "loft-" + u.user_id;
    u.message.kind = MessageKind::kText;
    u.message.text = body.at("note").get<std::string>();
    updates->assign(1, u);
    return Status::Ok();
  }
  std::vector<OutboundCall> Render(const Reply& reply) const override { return {{"coo", {{"note", reply.text}}}}; }
  SendOutcome Send(const OutboundCall&, const std::string&, const SendOptions&) override { return {}; }
  SendOutcome Classify(const ProviderResponse&, int64_t) const override { return {}; }
  Status FetchMedia(const std::string&, std::string*) override { return Status::Unavailable("no media"); }

 private:
  const std::string name_ = "pigeon";
};

TEST_F(WebhookHandlerTest, AThirdChannelIsServedThroughItsOwnInterface) {
  PigeonChannel pigeon;
  Open({}, {&pigeon});
  std::string body = R"({"id":"p1","from":"77","note":"/start"})";
  EXPECT_EQ(handler_->Post("pigeon", Request({{"X-Pigeon-Ring", "ring-0"}}, body)).status, 401);
  EXPECT_EQ(handler_->Post("pigeon", Request({{"X-Pigeon-Ring", "ring-1"}}, "not json")).status, 400);
  EXPECT_EQ(handler_->Post("pigeon", Request({{"X-Pigeon-Ring", "ring-1"}}, body)).status, 200);
  EXPECT_EQ(handler_->Post("pigeon", Request({{"X-Pigeon-Ring", "ring-1"}}, body)).status, 200);  // a duplicate
  EXPECT_GT(Count("SELECT COUNT(*) FROM outbox WHERE channel = 'pigeon' AND method = 'coo'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE channel <> 'pigeon'"), 0);
  std::vector<OutboxMessage> due;
  ASSERT_TRUE(outbox_->Due("pigeon", INT64_MAX, 10, &due).ok());
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(due[0].destination, "loft-77");
  EXPECT_NE(metrics_.RenderPrometheus().find("channel=\"pigeon\",outcome=\"duplicate\""), std::string::npos);
}

}  // namespace
}  // namespace netra
