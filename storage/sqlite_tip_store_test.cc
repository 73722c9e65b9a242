#include "storage/sqlite_tip_store.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "dialogs/ticket_code.h"
#include "privacy/crypto.h"
#include "tests/test_util.h"

namespace netra {
namespace {

TEST(SqliteTipStoreTest, TicketCodesAreReadableAndDistinct) {
  std::set<std::string> seen;
  static const std::regex format("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
  for (int i = 0; i < 2000; ++i) {
    std::string code = NewTicketCode();
    EXPECT_TRUE(std::regex_match(code, format)) << code;  // Crockford base32: no I, L, O, U
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(SqliteTipStoreTest, GlobalFloodLimitHoldsAcrossUsers) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  TipStoreOptions options;
  options.global_limit_per_hour = 3;
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')), options);
  TipDraft draft{"telegram", "uang", "x", "y", "2024-11-19", "cerita", {}, {}};
  std::string code;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(tips.CreateTip(draft, "user" + std::to_string(i), "", 1000, &code).ok());
  Status s = tips.CreateTip(draft, "user-new", "", 1000, &code);
  EXPECT_TRUE(s.IsUnavailable()) << s.message();
  EXPECT_TRUE(tips.CreateTip(draft, "user-new", "", 1000 + 3601, &code).ok()) << "an hour later the queue opens";
}

TEST(SqliteTipStoreTest, DailyLimitIsPerTipsterAndResourceExhausted) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  TipStoreOptions options;
  options.daily_limit_per_user = 2;
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')), options);
  TipDraft draft{"telegram", "uang", "x", "y", "2024-11-19", "cerita", {}, {}};
  std::string code;
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(tips.CreateTip(draft, "pseudo-a", "", 1000, &code).ok());
  code.clear();
  Status s = tips.CreateTip(draft, "pseudo-a", "", 1000, &code);
  EXPECT_TRUE(s.IsResourceExhausted()) << s.message();
  EXPECT_EQ(code, "");
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM tip").getInt(), 2) << "the refused tip left no row";
  EXPECT_TRUE(tips.CreateTip(draft, "pseudo-b", "", 1000, &code).ok()) << "another tipster is not limited";
  EXPECT_TRUE(tips.CreateTip(draft, "pseudo-a", "", 1000 + 86400, &code).ok()) << "the next day opens again";
}

// The bucket must be keyed: computable from the user's pseudonym alone (its hex, a plain hash)
// it would link a tipster to the days they sent tips.
TEST(SqliteTipStoreTest, TheRateBucketDoesNotNameTheUserOrTheTip) {
  TipDraft draft{"telegram", "uang", "x", "y", "2024-11-19", "cerita", {}, {}};
  auto bucket_of = [&](char key_byte, const std::string& user, std::string* code) {
    testing::TempDir dir;
    std::unique_ptr<Database> db;
    EXPECT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
    SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, key_byte)));
    EXPECT_TRUE(tips.CreateTip(draft, user, "telegram:12345", 1000, code).ok());
    return db->sql().execAndGet("SELECT bucket FROM tip_rate").getString();
  };
  std::string code, other_code, unused;
  std::string bucket = bucket_of('k', "pseudo-abc", &code);
  for (const std::string& trace : {std::string("pseudo-abc"), ToHex("pseudo-abc"), ToHex(Sha256("pseudo-abc")),
                                   code, ToHex(code), std::string("12345")}) {
    EXPECT_EQ(bucket.find(trace), std::string::npos) << trace;
  }
  EXPECT_NE(bucket_of('j', "pseudo-abc", &other_code), bucket) << "another secret key, the same user: must differ";
  EXPECT_NE(bucket_of('k', "pseudo-abd", &unused), bucket) << "another user: must differ";
  EXPECT_EQ(bucket_of('k', "pseudo-abc", &unused), bucket) << "the same key and user on the same day share it";
}

TEST(SqliteTipStoreTest, StatusReadsTheStoredWordsAndRefusesUnknownOnes) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')));
  std::string code;
  ASSERT_TRUE(tips.CreateTip({"telegram", "uang", "x", "y", "2024-11-19", "cerita", {}, {"https://x.test/a"}}, "u", "",
                             1000, &code).ok());
  EXPECT_EQ(db->sql().execAndGet("SELECT status FROM tip").getString(), "baru");
  EXPECT_EQ(db->sql().execAndGet("SELECT status FROM tip_evidence").getString(), "link");
  TipStatusView view;
  ASSERT_TRUE(tips.GetStatus(code, &view).ok());
  EXPECT_EQ(view.status, TipStatus::kNew);
  EXPECT_FALSE(view.awaiting_answer);

  db->sql().exec("UPDATE tip SET status = 'diteruskan'");
  db->sql().exec("INSERT INTO tip_message (tip_code, direction, body, created_at) VALUES ('" + code +
                 "', 'to_tipster', 'Kapan kejadiannya?', 1001), ('" + code + "', 'note', 'internal', 1002)");
  ASSERT_TRUE(tips.GetStatus(code, &view).ok());
  EXPECT_EQ(view.status, TipStatus::kForwarded);
  EXPECT_EQ(view.messages_to_tipster, std::vector<std::string>{"Kapan kejadiannya?"});
  EXPECT_TRUE(view.awaiting_answer);
  ASSERT_TRUE(tips.AddTipsterMessage(code, "Kemarin", 1003).ok());
  EXPECT_EQ(db->sql().execAndGet("SELECT direction FROM tip_message ORDER BY id DESC LIMIT 1").getString(), "from_tipster");
  ASSERT_TRUE(tips.GetStatus(code, &view).ok());
  EXPECT_FALSE(view.awaiting_answer);
  EXPECT_EQ(view.updated_at, 1003);

  EXPECT_TRUE(tips.AddTipsterMessage("0000-0000-0000", "x", 1004).IsNotFound());
  EXPECT_TRUE(tips.GetStatus("0000-0000-0000", &view).IsNotFound());
  db->sql().exec("UPDATE tip SET status = 'closed'");
  EXPECT_TRUE(tips.GetStatus(code, &view).IsCorruption());
}

}  // namespace
}  // namespace netra
