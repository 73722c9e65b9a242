#include "storage/sqlite_tip_store.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "dialogs/ticket_code.h"
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
  EXPECT_EQ(s.code(), Status::Code::kBusy);
  EXPECT_EQ(s.message().rfind("limit", 0), 0u);
  EXPECT_TRUE(tips.CreateTip(draft, "user-new", "", 1000 + 3601, &code).ok()) << "an hour later the queue opens";
}

TEST(SqliteTipStoreTest, TheRateBucketDoesNotNameTheUserOrTheTip) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')));
  std::string code;
  ASSERT_TRUE(tips.CreateTip({"telegram", "uang", "x", "y", "2024-11-19", "cerita", {}, {}}, "pseudo-abc",
                             "telegram:12345", 1000, &code).ok());
  std::string bucket = db->sql().execAndGet("SELECT bucket FROM tip_rate").getString();
  EXPECT_EQ(bucket.find("pseudo-abc"), std::string::npos);
  EXPECT_EQ(bucket.find(code), std::string::npos);
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM tip WHERE code = '" + code + "'").getInt(), 1);
}

}  // namespace
}  // namespace netra
