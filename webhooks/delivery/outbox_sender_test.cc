// The outbox sender against the fake Telegram and WhatsApp servers on loopback, with a real
// SQLite outbox: odd provider answers, a hanging provider, and a database that refuses writes.
#include "webhooks/delivery/outbox_sender.h"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <sstream>

#include "tests/fake_clock.h"
#include "tests/fake_providers.h"
#include "tests/test_util.h"
#include "webhooks/telegram/telegram_channel.h"
#include "webhooks/whatsapp/whatsapp_channel.h"

namespace netra {
namespace {

using namespace std::chrono_literals;
using Answer = testing::FakeProvider::Answer;
using Kind = SendOutcome::Kind;

// ---- ClassifyResponse: every shape is classified, none throws -------------------------------

// The answer classified by the channel named `channel`.
SendOutcome ClassifyResponse(const std::string& channel, const ProviderResponse& r) {
  TelegramChannel telegram({}, nullptr);
  WhatsAppChannel whatsapp({}, nullptr);
  return channel == "telegram" ? telegram.Classify(r, 3600) : whatsapp.Classify(r, 3600);
}

struct ClassifyCase {
  const char* name;
  std::string channel;
  int status;
  std::string body;
  std::string retry_after_header;
  Kind kind;
  bool unknown;
  int64_t retry_after_seconds;
};

TEST(ClassifyResponseTest, EveryShapeHasAnOutcome) {
  const std::vector<ClassifyCase> cases = {
      {"tg ok", "telegram", 200, R"({"ok":true,"result":{"message_id":1}})", "", Kind::kDelivered, false, 0},
      {"tg ok as string", "telegram", 200, R"({"ok":"false"})", "", Kind::kRetry, true, 0},
      {"tg ok false, description a number", "telegram", 200, R"({"ok":false,"description":5})", "", Kind::kRetry, true, 0},
      {"tg ok null", "telegram", 200, R"({"ok":null})", "", Kind::kRetry, true, 0},
      {"tg array", "telegram", 200, R"([1,2])", "", Kind::kRetry, true, 0},
      {"tg html", "telegram", 200, "<html>bad gateway</html>", "", Kind::kRetry, true, 0},
      {"tg empty", "telegram", 200, "", "", Kind::kRetry, true, 0},
      {"tg redirect", "telegram", 302, "", "", Kind::kRetry, true, 0},
      {"tg 429 integer", "telegram", 429, R"({"ok":false,"parameters":{"retry_after":5}})", "", Kind::kRetry, false, 5},
      {"tg 429 as string", "telegram", 429, R"({"parameters":{"retry_after":"5"}})", "", Kind::kRetry, false, 0},
      {"tg 429 as array", "telegram", 429, R"({"parameters":{"retry_after":[1]}})", "", Kind::kRetry, false, 0},
      {"tg 429 parameters a string", "telegram", 429, R"({"parameters":"x"})", "", Kind::kRetry, false, 0},
      {"tg 429 9e18", "telegram", 429, R"({"parameters":{"retry_after":9e18}})", "", Kind::kRetry, false, 3600},
      {"tg 429 huge unsigned", "telegram", 429, R"({"parameters":{"retry_after":18446744073709551615}})", "",
       Kind::kRetry, false, 3600},
      {"tg 429 negative", "telegram", 429, R"({"parameters":{"retry_after":-7}})", "", Kind::kRetry, false, 1},
      {"tg 429 zero", "telegram", 429, R"({"parameters":{"retry_after":0}})", "", Kind::kRetry, false, 1},
      {"tg 429 fraction", "telegram", 429, R"({"parameters":{"retry_after":2.2}})", "", Kind::kRetry, false, 3},
      {"tg 429 header only", "telegram", 429, "", "7", Kind::kRetry, false, 7},
      {"tg 429 header garbage", "telegram", 429, "", "7x", Kind::kRetry, false, 0},
      {"tg 429 header huge", "telegram", 429, "", "99999999999999999999999", Kind::kRetry, false, 3600},
      {"tg 500", "telegram", 500, R"({"ok":false})", "", Kind::kRetry, false, 0},
      {"tg 403 blocked", "telegram", 403, R"({"ok":false,"description":"Forbidden: bot was blocked by the user"})", "",
       Kind::kFailed, false, 0},
      {"tg 400 description an object", "telegram", 400, R"({"ok":false,"description":{"a":1}})", "", Kind::kFailed,
       false, 0},
      {"wa ok", "whatsapp", 200, R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.X"}]})", "",
       Kind::kDelivered, false, 0},
      {"wa empty object", "whatsapp", 200, "{}", "", Kind::kRetry, true, 0},
      {"wa messages a string", "whatsapp", 200, R"({"messages":"x"})", "", Kind::kRetry, true, 0},
      {"wa messages empty", "whatsapp", 200, R"({"messages":[]})", "", Kind::kRetry, true, 0},
      {"wa id a number", "whatsapp", 200, R"({"messages":[{"id":5}]})", "", Kind::kRetry, true, 0},
      {"wa error a string at 200", "whatsapp", 200, R"({"error":"x"})", "", Kind::kRetry, true, 0},
      {"wa 131047 re-engagement", "whatsapp", 400,
       R"({"error":{"message":"Re-engagement message","type":"OAuthException","code":131047}})", "", Kind::kFailed,
       false, 0},
      {"wa 131026 undeliverable", "whatsapp", 400, R"({"error":{"code":131026}})", "", Kind::kFailed, false, 0},
      {"wa 130429 throughput", "whatsapp", 400, R"({"error":{"code":130429}})", "", Kind::kRetry, false, 0},
      {"wa 131056 pair rate", "whatsapp", 400, R"({"error":{"code":131056}})", "", Kind::kRetry, false, 0},
      {"wa 131000 transient", "whatsapp", 500, R"({"error":{"code":131000}})", "", Kind::kRetry, false, 0},
      {"wa is_transient", "whatsapp", 400, R"({"error":{"code":99999,"is_transient":true}})", "", Kind::kRetry, false,
       0},
      {"wa code as string", "whatsapp", 400, R"({"error":{"code":"131047"}})", "", Kind::kFailed, false, 0},
      {"wa error an array", "whatsapp", 400, R"({"error":[1]})", "", Kind::kFailed, false, 0},
      {"wa 429 header", "whatsapp", 429, "", "12", Kind::kRetry, false, 12},
      {"wa 401 html", "whatsapp", 401, "<html/>", "", Kind::kFailed, false, 0},
      {"wa 503", "whatsapp", 503, "", "", Kind::kRetry, false, 0},
      {"no answer", "whatsapp", 0, "", "", Kind::kRetry, false, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ProviderResponse r;
    r.status = c.status;
    r.body = c.body;
    r.retry_after = c.retry_after_header;
    SendOutcome o = ClassifyResponse(c.channel, r);
    EXPECT_EQ(o.kind, c.kind);
    EXPECT_EQ(o.unknown_reply, c.unknown);
    EXPECT_EQ(o.retry_after_seconds, c.retry_after_seconds);
    if (o.kind != Kind::kDelivered) {
      EXPECT_FALSE(o.error.empty());
    }
  }
}

TEST(ClassifyResponseTest, ProviderTextIsCutAndMasked) {
  ProviderResponse r;
  r.status = 400;
  r.body = nlohmann::json{{"ok", false}, {"description", "chat 6281234567001 not found \x01" + std::string(500, 'x')}}.dump();
  SendOutcome o = ClassifyResponse("telegram", r);
  EXPECT_EQ(o.error.find("6281234567001"), std::string::npos) << o.error;
  EXPECT_NE(o.error.find("#############"), std::string::npos) << o.error;
  EXPECT_LE(o.error.size(), 200u);
}

TEST(ClassifyResponseTest, WhatsAppUploadNeedsAStringId) {
  std::string id;
  ProviderResponse r;
  r.status = 200;
  r.body = R"({"id":"m-1"})";
  EXPECT_EQ(ClassifyWhatsAppUpload(r, &id).kind, Kind::kDelivered);
  EXPECT_EQ(id, "m-1");
  r.body = R"({"id":7})";
  SendOutcome o = ClassifyWhatsAppUpload(r, &id);
  EXPECT_EQ(o.kind, Kind::kRetry);
  EXPECT_TRUE(o.unknown_reply);
  r.status = 400;
  r.body = R"({"error":{"code":131053,"message":"Media upload error"}})";
  EXPECT_EQ(ClassifyWhatsAppUpload(r, &id).kind, Kind::kFailed);
}

// ---- The sender against the fakes -------------------------------------------------------------

class OutboxSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DatabaseOptions d;
    d.path = dir_.file("netra.db");
    d.busy_timeout = 50ms;
    ASSERT_TRUE(Database::Open(d, &db_).ok());
    outbox_ = std::make_unique<Outbox>(db_.get(), SecretKey::FromBytes(std::string(32, 'k')));
    telegram_options_.api = telegram_.base_url();
    telegram_options_.token = "123:TEST";
    whatsapp_options_.api = whatsapp_.base_url() + "/v21.0";
    whatsapp_options_.token = "wa-token";
    whatsapp_options_.phone_id = "106540352242922";
    options_.max_attempts = 4;
    options_.max_unknown_attempts = 3;
    options_.backoff_unit_ms = 20;
    options_.poll_ms = 20;
    telegram_options_.chat_interval_ms = 50;
  }
  void TearDown() override {
    telegram_.Release();
    whatsapp_.Release();
    if (sender_) sender_->Stop();
  }

  void StartSender() {
    telegram_channel_ = std::make_unique<TelegramChannel>(telegram_options_, &client_);
    whatsapp_channel_ = std::make_unique<WhatsAppChannel>(whatsapp_options_, &client_);
    sender_ = std::make_unique<OutboxSender>(
        outbox_.get(), std::vector<Channel*>{telegram_channel_.get(), whatsapp_channel_.get()}, options_, &metrics_,
        &logger_);
    sender_->Start();
  }
  void Enqueue(const std::string& channel, const std::string& to, const std::string& text) {
    auto lock = db_->Lock();
    nlohmann::json payload = channel == "telegram" ? nlohmann::json{{"text", text}}
                                                   : nlohmann::json{{"messaging_product", "whatsapp"},
                                                                    {"type", "text"},
                                                                    {"text", {{"body", text}}}};
    int64_t now = options_.clock != nullptr ? options_.clock->NowSeconds() : time(nullptr);
    outbox_->Enqueue(channel, to, channel == "telegram" ? "sendMessage" : "messages", payload, now);
  }
  // The single row's status, or "gone" once it is delivered and deleted.
  std::string RowStatus() {
    auto lock = db_->Lock();
    SQLite::Statement st(db_->sql(), "SELECT status FROM outbox");
    return st.executeStep() ? st.getColumn(0).getString() : "gone";
  }
  // The single row's attempts, or -1 once it is gone.
  int RowAttempts() {
    auto lock = db_->Lock();
    SQLite::Statement st(db_->sql(), "SELECT attempts FROM outbox");
    return st.executeStep() ? st.getColumn(0).getInt() : -1;
  }
  bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(5ms);
    }
    return done();
  }
  bool WaitForStatus(const std::string& want, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (RowStatus() == want) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  testing::TempDir dir_;
  FakeClock clock_;  // used by the tests that set options_.clock = &clock_
  testing::FakeTelegram telegram_;
  testing::FakeWhatsApp whatsapp_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Outbox> outbox_;
  HttpProviderClient client_;
  TelegramOptions telegram_options_;
  WhatsAppOptions whatsapp_options_;
  std::unique_ptr<TelegramChannel> telegram_channel_;
  std::unique_ptr<WhatsAppChannel> whatsapp_channel_;
  OutboxSenderOptions options_;
  Metrics metrics_;
  std::ostringstream log_;
  Logger logger_{&log_};
  std::unique_ptr<OutboxSender> sender_;
};

struct OddAnswer {
  const char* name;
  std::string channel;
  Answer answer;
  const char* final_status;  // "failed" or "gone" (delivered)
  size_t calls;              // sends of the one message
};

TEST_F(OutboxSenderTest, OddAnswersAreRetriedThenFailedAndNeverCrash) {
  const std::vector<OddAnswer> cases = {
      {"tg ok as string", "telegram", {200, R"({"ok":"false"})"}, "failed", 3},
      {"tg description a number", "telegram", {200, R"({"ok":false,"description":5})"}, "failed", 3},
      {"tg html", "telegram", {200, "<html>oops</html>"}, "failed", 3},
      {"tg 429 retry_after a string", "telegram", {429, R"({"parameters":{"retry_after":"5"}})"}, "failed", 4},
      {"tg 429 retry_after an array", "telegram", {429, R"({"parameters":{"retry_after":[1]}})"}, "failed", 4},
      {"tg 500", "telegram", testing::FakeTelegram::ServerError(), "failed", 4},
      {"tg blocked", "telegram", testing::FakeTelegram::Blocked(), "failed", 1},
      {"wa empty object", "whatsapp", {200, "{}"}, "failed", 3},
      {"wa id a number", "whatsapp", {200, R"({"messages":[{"id":5}]})"}, "failed", 3},
      {"wa 131047", "whatsapp", testing::FakeWhatsApp::Error(400, 131047, "Re-engagement message"), "failed", 1},
      {"wa 130429", "whatsapp", testing::FakeWhatsApp::Error(400, 130429, "Rate limit hit"), "failed", 4},
      {"wa 500", "whatsapp", {500, "Internal"}, "failed", 4},
  };
  StartSender();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    testing::FakeProvider& fake = c.channel == "telegram" ? static_cast<testing::FakeProvider&>(telegram_) : whatsapp_;
    size_t before = fake.calls().size();
    fake.AnswerAlways(c.answer);
    Enqueue(c.channel, "5550001", c.name);
    sender_->Wake();
    ASSERT_TRUE(WaitForStatus(c.final_status, 10s)) << RowStatus();
    std::this_thread::sleep_for(100ms);  // nothing more goes out for it
    EXPECT_EQ(fake.calls().size() - before, c.calls);
    fake.AnswerAlways(std::nullopt);
    auto lock = db_->Lock();
    db_->sql().exec("DELETE FROM outbox");
  }
  EXPECT_EQ(sender_->unrecorded(), 0u);
}

TEST_F(OutboxSenderTest, HugeRetryAfterIsClampedToAnHour) {
  telegram_.Script({{429, R"({"ok":false,"parameters":{"retry_after":9e18}})"}});
  StartSender();
  int64_t before_ms = time(nullptr) * 1000LL;
  Enqueue("telegram", "5550002", "halo");
  sender_->Wake();
  ASSERT_TRUE(telegram_.WaitForCalls(1, 5s));
  int64_t next = 0;
  for (int i = 0; i < 100 && next == 0; ++i) {
    std::this_thread::sleep_for(20ms);
    auto lock = db_->Lock();
    next = db_->sql().execAndGet("SELECT CASE WHEN attempts > 0 THEN next_attempt_ms ELSE 0 END FROM outbox").getInt64();
  }
  EXPECT_GE(next - before_ms, 3599'000);
  EXPECT_LE(next - before_ms, 3602'000);
  EXPECT_EQ(RowStatus(), "pending");
}

TEST_F(OutboxSenderTest, HangingWhatsAppDelaysNeitherTelegramNorOtherWhatsAppChats) {
  options_.lanes["whatsapp"].timeouts.read = 30s;
  whatsapp_.Script({testing::FakeWhatsApp::Hang()});
  StartSender();
  Enqueue("whatsapp", "6281200000001", "tertahan");
  sender_->Wake();
  ASSERT_TRUE(whatsapp_.WaitForCalls(1, 5s));  // that call now hangs
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) Enqueue("telegram", std::to_string(5560001 + i), "balasan " + std::to_string(i));
  Enqueue("whatsapp", "6281200000002", "lain");
  sender_->Wake();
  ASSERT_TRUE(telegram_.WaitForDelivered(5, 2s));
  auto telegram_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  ASSERT_TRUE(whatsapp_.WaitForDelivered(1, 2s));
  auto whatsapp_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  EXPECT_LT(telegram_ms, 1500ms);
  EXPECT_LT(whatsapp_ms, 1500ms);
  std::cout << "[ measured ] 5 Telegram replies in " << telegram_ms.count() << " ms, another WhatsApp chat in "
            << whatsapp_ms.count() << " ms, while one WhatsApp call hangs\n";
}

TEST_F(OutboxSenderTest, HangingCallTimesOutAndIsRetried) {
  options_.lanes["whatsapp"].timeouts.read = 300ms;
  whatsapp_.Script({testing::FakeWhatsApp::Hang()});
  StartSender();
  Enqueue("whatsapp", "6281200000003", "sekali lagi");
  sender_->Wake();
  ASSERT_TRUE(whatsapp_.WaitForDelivered(1, 5s));
  EXPECT_EQ(whatsapp_.calls().size(), 2u);
  EXPECT_TRUE(WaitForStatus("gone", 2s));
}

TEST_F(OutboxSenderTest, RefusedDeliveredWriteNeverResends) {
  // Three messages to one chat. While the first is being answered, another connection takes the
  // write lock (as a full disk or `netra reviewer add` would), so recording the delivery fails.
  std::mutex blocker_mu;
  std::unique_ptr<SQLite::Database> blocker;
  telegram_.OnRequest([&](const testing::RecordedCall&) {
    std::lock_guard<std::mutex> lock(blocker_mu);
    if (blocker) return;
    blocker = std::make_unique<SQLite::Database>(dir_.file("netra.db"), SQLite::OPEN_READWRITE);
    blocker->exec("BEGIN IMMEDIATE");
  });
  for (const char* text : {"satu", "dua", "tiga"}) Enqueue("telegram", "5570001", text);
  StartSender();
  ASSERT_TRUE(telegram_.WaitForCalls(1, 5s));
  std::this_thread::sleep_for(1500ms);  // the old sender re-sent "satu" every pass meanwhile
  EXPECT_EQ(telegram_.calls().size(), 1u);
  EXPECT_EQ(sender_->unrecorded(), 1u);
  EXPECT_GE(metrics_.Value("netra_outbox_record_failures_total", {{"channel", "telegram"}}), 1);
  {
    std::lock_guard<std::mutex> lock(blocker_mu);
    blocker->exec("ROLLBACK");
    telegram_.OnRequest(nullptr);
  }
  ASSERT_TRUE(telegram_.WaitForDelivered(3, 5s));
  std::this_thread::sleep_for(300ms);
  std::map<std::string, int> sends;
  for (const auto& c : telegram_.calls()) sends[c.body["text"].get<std::string>()]++;
  EXPECT_EQ(sends, (std::map<std::string, int>{{"dua", 1}, {"satu", 1}, {"tiga", 1}}));
  std::vector<std::string> order;
  for (const auto& c : telegram_.calls()) order.push_back(c.body["text"].get<std::string>());
  EXPECT_EQ(order, (std::vector<std::string>{"satu", "dua", "tiga"}));
  EXPECT_EQ(sender_->unrecorded(), 0u);
  EXPECT_TRUE(WaitForStatus("gone", 2s));
  std::cout << "[ measured ] sends per message while the delivery could not be recorded: " << sends["satu"] << "\n";
}

// Telegram's retry_after is measured on the injected clock: nothing goes out again until the
// clock has moved by it, however often the sender is woken; no test sleeps through it.
TEST_F(OutboxSenderTest, RetryAfterIsHonouredOnTheInjectedClock) {
  options_.clock = &clock_;
  telegram_.Script({testing::FakeTelegram::TooManyRequests(2)});
  Enqueue("telegram", "5550010", "nanti");
  StartSender();
  ASSERT_TRUE(telegram_.WaitForCalls(1, 5s));
  ASSERT_TRUE(WaitFor([&] { return RowAttempts() == 1; }, 5s));
  {
    auto lock = db_->Lock();
    EXPECT_EQ(db_->sql().execAndGet("SELECT next_attempt_ms FROM outbox").getInt64(), clock_.NowMillis() + 2000);
  }
  clock_.AdvanceMillis(1999);
  for (int i = 0; i < 5; ++i) sender_->Wake();
  EXPECT_FALSE(telegram_.WaitForCalls(2, 200ms)) << "sent again before retry_after was over";
  clock_.AdvanceMillis(1);
  sender_->Wake();
  ASSERT_TRUE(telegram_.WaitForDelivered(1, 5s));
  EXPECT_TRUE(WaitForStatus("gone", 2s));
  EXPECT_EQ(telegram_.calls().size(), 2u);
}

// Bug 8.4 with a write that is refused for good (a trigger that RAISEs, not a lock that times
// out): the message goes out once; the outcome waits in memory, counted, and is written once the
// database accepts it again. The same for a refused Retry: no send until it is written.
TEST_F(OutboxSenderTest, RefusedBookkeepingByTriggerSendsEachMessageOnce) {
  struct Case {
    const char* name;
    const char* trigger;  // refuses the bookkeeping write
    std::optional<Answer> answer;
    const char* final_status;
    size_t sends_after;  // once the database accepts the write again
  };
  const Case cases[] = {
      {"delivered refused", "BEFORE DELETE ON outbox", std::nullopt, "gone", 1},
      {"retry refused", "BEFORE UPDATE ON outbox", testing::FakeTelegram::ServerError(), "failed", 4},
  };
  options_.clock = &clock_;
  StartSender();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    size_t before = telegram_.calls().size();
    double refused = metrics_.Value("netra_outbox_record_failures_total", {{"channel", "telegram"}});
    telegram_.AnswerAlways(c.answer);
    {
      auto lock = db_->Lock();
      db_->sql().exec(std::string("CREATE TRIGGER refuse ") + c.trigger +
                      " BEGIN SELECT RAISE(ABORT, 'bookkeeping refused'); END");
    }
    Enqueue("telegram", "5570002", c.name);
    sender_->Wake();
    ASSERT_TRUE(telegram_.WaitForCalls(before + 1, 5s));
    ASSERT_TRUE(WaitFor([&] { return sender_->unrecorded() == 1; }, 5s));
    for (int i = 0; i < 10; ++i) {  // time passes and the sender is woken: still no second send
      clock_.Advance(30);
      sender_->Wake();
    }
    EXPECT_FALSE(telegram_.WaitForCalls(before + 2, 300ms));
    EXPECT_EQ(telegram_.calls().size() - before, 1u);
    EXPECT_EQ(RowStatus(), "pending");
    EXPECT_GT(metrics_.Value("netra_outbox_record_failures_total", {{"channel", "telegram"}}), refused);
    {
      auto lock = db_->Lock();
      db_->sql().exec("DROP TRIGGER refuse");
    }
    ASSERT_TRUE(WaitFor(
        [&] {
          clock_.Advance(700);  // past any back-off
          sender_->Wake();
          return RowStatus() == c.final_status;
        },
        10s))
        << RowStatus();
    EXPECT_EQ(telegram_.calls().size() - before, c.sends_after);
    EXPECT_EQ(sender_->unrecorded(), 0u);
    telegram_.AnswerAlways(std::nullopt);
    auto lock = db_->Lock();
    db_->sql().exec("DELETE FROM outbox");
  }
}

// Bug 8.5: rows whose destination was sealed under another key can never be delivered. They are
// marked failed (the reason holds no user data) and counted, one after the other in their chat,
// and netra_outbox_pending stops counting them; rows under the current key still go.
TEST_F(OutboxSenderTest, RowsSealedUnderAnotherKeyAreFailedAndCounted) {
  Outbox old_key(db_.get(), SecretKey::FromBytes(std::string(32, 'o')));
  {
    auto lock = db_->Lock();
    for (const char* text : {"lama 1", "lama 2"}) {
      old_key.Enqueue("telegram", "5571234567", "sendMessage", {{"text", text}}, time(nullptr));
    }
  }
  Enqueue("telegram", "5571234567", "baru");  // the same chat, under the current key
  StartSender();
  ASSERT_TRUE(telegram_.WaitForDelivered(1, 5s));
  ASSERT_TRUE(WaitFor(
      [&] {
        auto lock = db_->Lock();  // "baru" recorded as delivered (deleted), the two old rows failed
        return db_->sql().execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").getInt() == 0 &&
               db_->sql().execAndGet("SELECT COUNT(*) FROM outbox").getInt() == 2;
      },
      5s));
  EXPECT_EQ(metrics_.Value("netra_outbox_undeliverable_total", {{"channel", "telegram"}}), 2);
  auto lock = db_->Lock();
  SQLite::Statement st(db_->sql(), "SELECT status, last_error FROM outbox ORDER BY id");
  std::vector<std::pair<std::string, std::string>> rows;
  while (st.executeStep()) rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
  const std::pair<std::string, std::string> failed{"failed", "destination does not open under the current key"};
  EXPECT_EQ(rows, (std::vector<std::pair<std::string, std::string>>{failed, failed}));
  int64_t pending = -1, oldest = -1;
  ASSERT_TRUE(outbox_->Depth(time(nullptr), &pending, &oldest).ok());
  EXPECT_EQ(pending, 0);
  ASSERT_EQ(telegram_.calls().size(), 1u);
  EXPECT_EQ(telegram_.calls()[0].body["text"], "baru");
}

// Outbox::Due on its own: the undeliverable rows are reported, marked failed once, and skipped.
TEST_F(OutboxSenderTest, DueMarksRowsSealedUnderAnotherKeyFailed) {
  Outbox old_key(db_.get(), SecretKey::FromBytes(std::string(32, 'o')));
  const int64_t t0 = 1'730'000'000;
  {
    auto lock = db_->Lock();
    old_key.Enqueue("whatsapp", "6281200000009", "messages", {{"type", "text"}}, t0);
    old_key.Enqueue("telegram", "5571234568", "sendMessage", {{"text", "x"}}, t0);
  }
  struct Case {
    const char* channel;
    size_t undeliverable;
  };
  for (const Case& c : {Case{"whatsapp", 1}, Case{"whatsapp", 0}, Case{"telegram", 1}, Case{"telegram", 0}}) {
    SCOPED_TRACE(c.channel);
    std::vector<OutboxMessage> due;
    size_t undeliverable = 99;
    ASSERT_TRUE(outbox_->Due(c.channel, t0 * 1000, 10, &due, &undeliverable).ok());
    EXPECT_TRUE(due.empty());
    EXPECT_EQ(undeliverable, c.undeliverable);
  }
  auto lock = db_->Lock();
  EXPECT_EQ(db_->sql().execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'failed'").getInt(), 2);
}

TEST_F(OutboxSenderTest, TelegramPerChatIntervalAndOverallRateHold) {
  telegram_options_.chat_interval_ms = 1000;
  telegram_options_.per_second = 30;
  // Three messages to one chat, and 40 chats with one message each.
  for (int i = 0; i < 3; ++i) Enqueue("telegram", "5580000", "urut " + std::to_string(i));
  for (int i = 0; i < 40; ++i) Enqueue("telegram", std::to_string(5580001 + i), "x");
  auto started = std::chrono::steady_clock::now();
  StartSender();
  ASSERT_TRUE(telegram_.WaitForDelivered(43, 10s));
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, 1900ms) << "the one chat's three messages need two intervals";
  std::vector<std::string> order;
  for (const auto& c : telegram_.calls()) {
    if (c.body["chat_id"] == "5580000") order.push_back(c.body["text"].get<std::string>());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"urut 0", "urut 1", "urut 2"}));
  // 43 messages at most 30/s: the 31st cannot leave within the first second.
  EXPECT_GE(took, 1000ms);
}

TEST_F(OutboxSenderTest, DrainsABacklogOfBothChannelsAtTheirOwnPace) {
  telegram_options_.chat_interval_ms = 1000;
  telegram_options_.per_second = 30;
  for (int i = 0; i < 90; ++i) Enqueue("telegram", std::to_string(5590000 + i), "t");
  for (int i = 0; i < 300; ++i) Enqueue("whatsapp", std::to_string(6281300000000 + i), "w");
  auto started = std::chrono::steady_clock::now();
  StartSender();
  ASSERT_TRUE(whatsapp_.WaitForDelivered(300, 20s));
  auto whatsapp_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  ASSERT_TRUE(telegram_.WaitForDelivered(90, 20s));
  auto telegram_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  // Telegram goes at its limit (90 at 30/s: just over 2 s); WhatsApp is not held back by it.
  EXPECT_GE(telegram_ms, 2000ms);
  EXPECT_LT(telegram_ms, 6000ms);  // loose: the machine is shared
  EXPECT_LT(whatsapp_ms, telegram_ms);
  std::cout << "[ measured ] backlog drained: Telegram 90 in " << telegram_ms.count() << " ms ("
            << 90000 / std::max<int64_t>(1, telegram_ms.count()) << "/s), WhatsApp 300 in " << whatsapp_ms.count()
            << " ms (" << 300000 / std::max<int64_t>(1, whatsapp_ms.count()) << "/s)\n";
}

// A channel Netra does not ship: everything the sender and the outbox need comes from the Channel
// interface, so a third provider needs no change outside its own folder.
class PigeonChannel : public Channel {
 public:
  const std::string& name() const override { return name_; }
  bool Verify(const WebhookRequest&) const override { return false; }
  Status Parse(const nlohmann::json&, std::vector<ChannelUpdate>*) const override {
    return Status::InvalidArgument("no webhook");
  }
  std::vector<OutboundCall> Render(const Reply& reply) const override { return {{"coo", {{"note", reply.text}}}}; }
  SendOutcome Send(const OutboundCall& call, const std::string& destination, const SendOptions&) override {
    std::lock_guard<std::mutex> lock(mu_);
    sent_.push_back(destination + "|" + call.method + "|" + call.payload["note"].get<std::string>());
    // The first try of each message is refused with a retry-after of one second.
    return sent_.size() % 2 == 1 ? SendOutcome{Kind::kRetry, 1, false, "rate_limited: busy roost"}
                                 : SendOutcome{Kind::kDelivered, 0, false, ""};
  }
  SendOutcome Classify(const ProviderResponse&, int64_t) const override { return {}; }
  Status FetchMedia(const std::string&, std::string*) override { return Status::Unavailable("no media"); }
  std::vector<std::string> sent() {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }

 private:
  const std::string name_ = "pigeon";
  std::mutex mu_;
  std::vector<std::string> sent_;
};

TEST_F(OutboxSenderTest, AThirdChannelIsRenderedAndDrainedThroughItsOwnInterface) {
  PigeonChannel pigeon;
  Outbox outbox(db_.get(), SecretKey::FromBytes(std::string(32, 'k')), {&pigeon});
  {
    auto lock = db_->Lock();
    ASSERT_TRUE(outbox.EnqueueReply("pigeon", "loft-7", Reply{"halo", {}, {}, {}}, time(nullptr)));
    EXPECT_FALSE(outbox.EnqueueReply("smoke-signal", "hill", Reply{"halo", {}, {}, {}}, time(nullptr)));
  }
  OutboxSender sender(&outbox, {&pigeon}, options_, &metrics_, &logger_);
  sender.Start();
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (RowStatus() != "gone" && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
  sender.Stop();
  EXPECT_EQ(RowStatus(), "gone");
  EXPECT_EQ(pigeon.sent(), (std::vector<std::string>{"loft-7|coo|halo", "loft-7|coo|halo"}));
  EXPECT_NE(metrics_.RenderPrometheus().find("channel=\"pigeon\",kind=\"rate_limited\""), std::string::npos);
}

}  // namespace
}  // namespace netra
