#include "bot/janitor.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <iostream>
#include <mutex>

#include "dialogs/script.h"
#include "storage/sqlite_tip_store.h"
#include "tests/test_util.h"
#include "webhooks/telegram/telegram_channel.h"

namespace netra {
namespace {

TEST(JanitorTest, PurgesOldRowsAndSendsTheOverdueDigest) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SecretKey key = SecretKey::FromBytes(std::string(32, 'k'));
  SqliteTipStore tips(db.get(), key);
  SqliteDeskStore desk(db.get(), key);
  TelegramChannel telegram({}, nullptr);  // renders the digest
  Outbox outbox(db.get(), key, {&telegram});
  Logger logger(nullptr);
  ASSERT_TRUE(desk.AddReviewer({"telegram", "9001", Role::kAdmin}, "test", 0).ok());
  const int64_t t0 = 1'730'000'000;
  std::string code;
  ASSERT_TRUE(tips.CreateTip({"telegram", "uang", "x", "Kab. Bantul", "2024-11-19", "cerita", {}, {}}, "u1",
                             "telegram:555", t0, &code).ok());
  db->sql().exec("INSERT INTO processed_update VALUES ('telegram', '1', " + std::to_string(t0) + ")");

  JanitorOptions options;
  options.channel_enabled = [](const std::string&) { return true; };
  Script script;
  ASSERT_TRUE(Script::Load(testing::SourceDir() + "/dialogs", &script).ok());
  options.texts = &script.texts;
  Janitor janitor(db.get(), &desk, &outbox, options, &logger);
  ASSERT_TRUE(janitor.RunOnce(t0 + 3600).ok());  // nothing due yet
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM outbox").getInt(), 0);
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM processed_update").getInt(), 1);

  ASSERT_TRUE(janitor.RunOnce(t0 + 2 * 86400).ok());  // overdue (unclaimed for 2 days): digest
  std::vector<OutboxMessage> due;
  ASSERT_TRUE(outbox.Due("telegram", (t0 + 2 * 86400) * 1000, 10, &due).ok());
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].destination, "9001");
  std::string text = due[0].payload["text"];
  EXPECT_NE(text.find(code), std::string::npos);
  EXPECT_NE(text.find("1 laporan terlambat"), std::string::npos);
  EXPECT_EQ(text.find("Bantul"), std::string::npos);

  ASSERT_TRUE(janitor.RunOnce(t0 + 91 * 86400).ok());  // retention over: the route is gone
  std::string route;
  EXPECT_EQ(tips.OpenReturnRoute(code, &route).code(), Status::Code::kNotFound);
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM processed_update").getInt(), 0);
}

// Bug 8.3: Stop() returns at once while the janitor waits its hour, whether it is called right
// after Start() or after the first round; the old loop could miss the notify and sleep an hour.
TEST(JanitorTest, StopIsPromptWhileTheHourlyRoundWaits) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SecretKey key = SecretKey::FromBytes(std::string(32, 'k'));
  SqliteDeskStore desk(db.get(), key);
  Outbox outbox(db.get(), key);
  Logger logger(nullptr);
  JanitorOptions options;
  ASSERT_EQ(options.period, std::chrono::hours(1));
  auto slowest = std::chrono::steady_clock::duration::zero();
  for (int i = 0; i < 100; ++i) {
    Janitor janitor(db.get(), &desk, &outbox, options, &logger);
    std::mutex mu;
    std::condition_variable cv;
    int rounds = 0;
    janitor.Start([&] {
      std::lock_guard<std::mutex> lock(mu);
      ++rounds;
      cv.notify_all();
    });
    if (i % 2 == 1) {  // every other time, stop while it waits for the next round
      std::unique_lock<std::mutex> lock(mu);
      ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(5), [&] { return rounds > 0; }));
    }
    auto started = std::chrono::steady_clock::now();
    janitor.Stop();
    slowest = std::max(slowest, std::chrono::steady_clock::now() - started);
    janitor.Stop();  // twice is fine
  }
  EXPECT_LT(slowest, std::chrono::seconds(1));
  std::cout << "[ measured ] slowest Janitor::Stop() of 100: "
            << std::chrono::duration_cast<std::chrono::microseconds>(slowest).count() << " us\n";
}

}  // namespace
}  // namespace netra
