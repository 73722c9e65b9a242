#include "bot/database.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace netra {
namespace {

TEST(DatabaseTest, FreshFileGetsPragmasAndLatestSchema) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  EXPECT_EQ(db->schema_version(), SchemaMigrations().back().version);
  EXPECT_EQ(db->sql().execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(db->sql().execAndGet("PRAGMA secure_delete").getInt(), 1);
  EXPECT_EQ(db->sql().execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_TRUE(db->Ping().ok());
}

TEST(DatabaseTest, UpgradesAnOlderSchemaInOrder) {
  testing::TempDir dir;
  static const std::vector<Migration> v1 = {{1, "CREATE TABLE a (x INTEGER);"}};
  static const std::vector<Migration> v2 = {{1, "CREATE TABLE a (x INTEGER);"},
                                            {2, "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'b');"}};
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .migrations = &v1}, &db).ok());
    EXPECT_EQ(db->schema_version(), 1);
  }
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .migrations = &v2}, &db).ok());
  EXPECT_EQ(db->schema_version(), 2);
  EXPECT_EQ(db->sql().execAndGet("SELECT y FROM a").getString(), "b");
}

TEST(DatabaseTest, RealSchemaUpgradesFromEveryOlderVersion) {
  const auto& all = SchemaMigrations();
  for (size_t n = 1; n < all.size(); ++n) {
    testing::TempDir dir;
    std::vector<Migration> older(all.begin(), all.begin() + static_cast<long>(n));
    {
      std::unique_ptr<Database> db;
      ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .migrations = &older}, &db).ok());
    }
    std::unique_ptr<Database> db;
    Status s = Database::Open({.path = dir.file("n.db")}, &db);
    ASSERT_TRUE(s.ok()) << "from version " << n << ": " << s.message();
    EXPECT_EQ(db->schema_version(), all.back().version);
  }
}

TEST(DatabaseTest, NewerSchemaIsAClearError) {
  testing::TempDir dir;
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
    db->sql().exec("PRAGMA user_version=999");
  }
  std::unique_ptr<Database> db;
  Status s = Database::Open({.path = dir.file("n.db")}, &db);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("999"), std::string::npos);
  EXPECT_NE(s.message().find("newer"), std::string::npos);
}

TEST(DatabaseTest, FailedMigrationLeavesTheOldVersion) {
  testing::TempDir dir;
  static const std::vector<Migration> bad = {{1, "CREATE TABLE a (x INTEGER);"},
                                             {2, "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"}};
  std::unique_ptr<Database> db;
  EXPECT_EQ(Database::Open({.path = dir.file("n.db"), .migrations = &bad}, &db).code(), Status::Code::kIoError);
  SQLite::Database raw(dir.file("n.db"));
  EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 1);
  EXPECT_FALSE(raw.tableExists("b"));
}

TEST(DatabaseTest, TransactionRollsBackUnlessCommitted) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  db->sql().exec("CREATE TABLE t (x INTEGER)");
  {
    SQLite::Transaction tx(db->sql(), SQLite::TransactionBehavior::IMMEDIATE);
    db->sql().exec("INSERT INTO t VALUES (1)");
  }  // no commit
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM t").getInt(), 0);
  try {
    SQLite::Transaction tx(db->sql(), SQLite::TransactionBehavior::IMMEDIATE);
    db->sql().exec("INSERT INTO t VALUES (2)");
    throw std::runtime_error("step failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM t").getInt(), 0);
  {
    SQLite::Transaction tx(db->sql(), SQLite::TransactionBehavior::IMMEDIATE);
    db->sql().exec("INSERT INTO t VALUES (3)");
    tx.commit();
  }
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM t").getInt(), 1);
}

TEST(DatabaseTest, LockedDatabaseMapsToBusy) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .busy_timeout = std::chrono::milliseconds(50)}, &db).ok());
  db->sql().exec("CREATE TABLE t (x INTEGER)");
  SQLite::Database other(dir.file("n.db"), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  try {
    db->sql().exec("INSERT INTO t VALUES (1)");
    FAIL() << "expected a busy error";
  } catch (const SQLite::Exception& e) {
    EXPECT_EQ(StatusFromSqlite(e).code(), Status::Code::kBusy);
  }
  other.exec("ROLLBACK");
}

}  // namespace
}  // namespace netra
