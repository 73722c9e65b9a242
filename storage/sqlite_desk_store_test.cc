// SqliteDeskStore on a real SQLite file: statistics as counts by ISO week, and a roster lookup
// that fails says so.
#include "storage/sqlite_desk_store.h"

#include <gtest/gtest.h>

#include "storage/sqlite_tip_store.h"
#include "tests/test_util.h"

namespace netra {
namespace {

class SqliteDeskStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Database::Open({.path = dir_.file("n.db")}, &db_).ok()); }

  void Tip(int64_t at, const std::string& category, const std::string& place) {
    SqliteTipStore tips(db_.get(), key_);
    std::string code;
    Status s = tips.CreateTip({"telegram", category, "x", place, "kemarin", "cerita", {}, {}},
                              "user-" + std::to_string(++users_), "telegram:1", at, &code);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  SecretKey key_ = SecretKey::FromBytes(std::string(32, 'k'));
  int users_ = 0;
};

// Bug: weeks were strftime('%W') (2027-01-01 is "2027-W00"); ISO 8601 puts 2027-01-01..03 in
// 2026-W53, and the week turns on Monday in WIB, not in UTC.
TEST_F(SqliteDeskStoreTest, StatisticsCountByIsoWeekInWib) {
  struct Case {
    int64_t at;
    const char* when;  // WIB
  };
  const Case cases[] = {
      {1798419600, "2026-12-28 08:00 Mon"}, {1798779600, "2027-01-01 12:00 Fri"},
      {1798993800, "2027-01-03 23:30 Sun"}, {1799006400, "2027-01-04 03:00 Mon (Sun in UTC)"},
      {1799038800, "2027-01-04 12:00 Mon"},
  };
  for (const auto& c : cases) Tip(c.at, "uang", "Kab. Bantul, pasar");
  Tip(1798779600, "fasilitas", "Kota Yogyakarta");
  SqliteDeskStore desk(db_.get(), key_);
  TipStatistics stats;
  ASSERT_TRUE(desk.Statistics(&stats).ok());
  ASSERT_EQ(stats.by_week.size(), 2u);
  EXPECT_EQ(stats.by_week[0].key, "2027-W01");
  EXPECT_EQ(stats.by_week[0].count, 2);
  EXPECT_EQ(stats.by_week[1].key, "2026-W53");
  EXPECT_EQ(stats.by_week[1].count, 4);
  ASSERT_EQ(stats.by_category.size(), 2u);
  EXPECT_EQ(stats.by_category[0].key, "uang");
  EXPECT_EQ(stats.by_category[0].count, 5);
  ASSERT_EQ(stats.by_region.size(), 2u);
  EXPECT_EQ(stats.by_region[0].key, "Kab. Bantul");
  ASSERT_EQ(stats.by_status.size(), 1u);
  EXPECT_EQ(stats.by_status[0].key, "baru");
  EXPECT_EQ(stats.by_status[0].count, 6);
}

TEST_F(SqliteDeskStoreTest, RolesRoundTripAsEnums) {
  SqliteDeskStore desk(db_.get(), key_);
  ASSERT_TRUE(desk.AddReviewer({"telegram", "1", Role::kAdmin}, "test", 0).ok());
  ASSERT_TRUE(desk.AddReviewer({"whatsapp", "2", Role::kReviewer}, "test", 0).ok());
  const struct {
    const char* channel;
    const char* id;
    Role want;
  } cases[] = {{"telegram", "1", Role::kAdmin}, {"whatsapp", "2", Role::kReviewer}, {"telegram", "2", Role::kNone}};
  for (const auto& c : cases) {
    Role role = Role::kAdmin;
    ASSERT_TRUE(desk.RoleOf(c.channel, c.id, &role).ok());
    EXPECT_EQ(role, c.want) << c.channel << ":" << c.id;
  }
  std::vector<ReviewerRecord> all;
  ASSERT_TRUE(desk.ListReviewers(&all).ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].role, Role::kAdmin);
  EXPECT_EQ(all[1].role, Role::kReviewer);
}

// Bug: RoleOf answered "no reviewer" on any SQLite error.
TEST_F(SqliteDeskStoreTest, RoleOfReportsAFailedLookup) {
  SqliteDeskStore desk(db_.get(), key_);
  ASSERT_TRUE(desk.AddReviewer({"telegram", "1", Role::kAdmin}, "test", 0).ok());
  db_->sql().exec("ALTER TABLE reviewer RENAME TO reviewer_elsewhere");
  Role role = Role::kReviewer;
  Status s = desk.RoleOf("telegram", "1", &role);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(role, Role::kReviewer) << "unchanged on error";
}

// Statuses and message directions are enums in code and words in the file; a word this version
// does not know is refused, not passed on as text.
TEST_F(SqliteDeskStoreTest, StatusesAndDirectionsAreEnums) {
  Tip(1000, "medsos", "Sleman");
  SqliteDeskStore desk(db_.get(), key_);
  std::vector<TipSummary> queue;
  ASSERT_TRUE(desk.Queue("", 2000, &queue).ok());
  ASSERT_EQ(queue.size(), 1u);
  const std::string code = queue[0].code;
  EXPECT_EQ(queue[0].status, TipStatus::kNew);
  std::string route;
  ASSERT_TRUE(desk.AddNote(code, "telegram:9001", "cek", 2000).ok());
  ASSERT_TRUE(desk.MessageTipster(code, "telegram:9001", "kapan?", 2001, &route).ok());
  ASSERT_TRUE(desk.SetStatus(code, TipStatus::kForwarded, "", "telegram:9001", 2002, &route).ok());
  TipDetail d;
  ASSERT_TRUE(desk.Get(code, 2003, &d).ok());
  EXPECT_EQ(d.summary.status, TipStatus::kForwarded);
  EXPECT_EQ(db_->sql().execAndGet("SELECT status FROM tip").getString(), "diteruskan");
  ASSERT_EQ(d.messages.size(), 2u);
  EXPECT_EQ(d.messages[0].direction, MessageDirection::kNote);
  EXPECT_EQ(d.messages[1].direction, MessageDirection::kToTipster);

  db_->sql().exec("UPDATE tip SET status = 'hilang'");
  EXPECT_FALSE(desk.Get(code, 2004, &d).ok());
  EXPECT_FALSE(desk.Queue("", 2004, &queue).ok());
}

}  // namespace
}  // namespace netra
