#include "storage/sqlite_question_log.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace netra {
namespace {

TEST(SqliteQuestionLogTest, CountsByKeyAndListsByFrequency) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteQuestionLog log(db.get());
  ASSERT_TRUE(log.RecordDeclined("gaji pns", "berapa gaji pns?", 100).ok());
  ASSERT_TRUE(log.RecordDeclined("cuti lahir", "cuti melahirkan gimana", 101).ok());
  ASSERT_TRUE(log.RecordDeclined("gaji pns", "Gaji PNS berapa", 102).ok());
  std::vector<UnansweredQuestion> top;
  ASSERT_TRUE(log.MostFrequent(10, &top).ok());
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].example, "Gaji PNS berapa");
  EXPECT_EQ(top[0].count, 2);
  EXPECT_EQ(top[0].last_seen, 102);
  EXPECT_EQ(top[1].count, 1);
  ASSERT_TRUE(log.MostFrequent(1, &top).ok());
  EXPECT_EQ(top.size(), 1u);
}

}  // namespace
}  // namespace netra
