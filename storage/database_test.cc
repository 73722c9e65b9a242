#include "storage/database.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "storage/write_transaction.h"
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


// The project's own transaction: BEGIN IMMEDIATE outermost, a savepoint inside another one.
class WriteTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Database::Open({.path = dir_.file("n.db"), .busy_timeout = std::chrono::milliseconds(50)}, &db_).ok());
    db_->sql().exec("CREATE TABLE t (x INTEGER)");
  }
  int Rows() { return db_->sql().execAndGet("SELECT COUNT(*) FROM t").getInt(); }
  bool InTransaction() { return sqlite3_get_autocommit(db_->sql().getHandle()) == 0; }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(WriteTransactionTest, RollsBackUnlessCommitted) {
  {
    WriteTransaction tx(*db_);
    db_->sql().exec("INSERT INTO t VALUES (1)");
    EXPECT_TRUE(InTransaction());
  }
  EXPECT_FALSE(InTransaction());
  EXPECT_EQ(Rows(), 0);
  try {
    WriteTransaction tx(*db_);
    db_->sql().exec("INSERT INTO t VALUES (2)");
    throw std::runtime_error("step failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(Rows(), 0);
  {
    WriteTransaction tx(*db_);
    db_->sql().exec("INSERT INTO t VALUES (3)");
    tx.Commit();
  }
  EXPECT_FALSE(InTransaction());
  EXPECT_EQ(Rows(), 1);
}

TEST_F(WriteTransactionTest, InnerRollbackKeepsTheOuterWork) {
  {
    WriteTransaction outer(*db_);
    db_->sql().exec("INSERT INTO t VALUES (1)");
    {
      WriteTransaction inner(*db_);
      db_->sql().exec("INSERT INTO t VALUES (2)");
      EXPECT_EQ(Rows(), 2);
    }  // no commit: only the inner insert goes
    EXPECT_TRUE(InTransaction()) << "the inner rollback must not end the outer transaction";
    EXPECT_EQ(Rows(), 1);
    {
      WriteTransaction inner(*db_);
      db_->sql().exec("INSERT INTO t VALUES (3)");
      {
        WriteTransaction innermost(*db_);
        db_->sql().exec("INSERT INTO t VALUES (4)");
      }
      inner.Commit();
    }
    EXPECT_TRUE(InTransaction());
    outer.Commit();
  }
  EXPECT_FALSE(InTransaction());
  EXPECT_EQ(db_->sql().execAndGet("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)").getString(), "1,3");
}

TEST_F(WriteTransactionTest, OuterRollbackUndoesCommittedInnerWork) {
  {
    WriteTransaction outer(*db_);
    {
      WriteTransaction inner(*db_);
      db_->sql().exec("INSERT INTO t VALUES (1)");
      inner.Commit();
    }
  }
  EXPECT_FALSE(InTransaction());
  EXPECT_EQ(Rows(), 0);
}

// The rollback in the destructor fails when the transaction was already ended behind its back;
// the destructor swallows that.
TEST_F(WriteTransactionTest, DestructorNeverThrows) {
  EXPECT_NO_THROW({
    WriteTransaction tx(*db_);
    db_->sql().exec("INSERT INTO t VALUES (1)");
    db_->sql().exec("ROLLBACK");
  });
  EXPECT_FALSE(InTransaction());
  EXPECT_NO_THROW({
    WriteTransaction outer(*db_);
    {
      WriteTransaction inner(*db_);
      db_->sql().exec("RELEASE netra_write");  // the savepoint is gone before the inner rollback
    }
    outer.Commit();
  });
  EXPECT_FALSE(InTransaction());
  EXPECT_EQ(Rows(), 0);
}

TEST_F(WriteTransactionTest, BeginOnABusyDatabaseThrowsAndCommitsNothing) {
  SQLite::Database other(dir_.file("n.db"), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  try {
    WriteTransaction tx(*db_);
    FAIL() << "expected a busy error";
  } catch (const SQLite::Exception& e) {
    EXPECT_TRUE(StatusFromSqlite(e).IsBusy()) << e.what();
  }
  other.exec("ROLLBACK");
  EXPECT_FALSE(InTransaction());
}

// RunWrite commits when the function returns OK, and rolls back on an error status or a throw.
TEST_F(WriteTransactionTest, RunWriteCommitsOnlyOk) {
  EXPECT_TRUE(RunWrite(*db_, [&] {
                db_->sql().exec("INSERT INTO t VALUES (1)");
                return Status::Ok();
              }).ok());
  Status refused = RunWrite(*db_, [&] {
    db_->sql().exec("INSERT INTO t VALUES (2)");
    return Status::ResourceExhausted("quota");
  });
  EXPECT_TRUE(refused.IsResourceExhausted());
  Status thrown = RunWrite(*db_, [&]() -> Status {
    db_->sql().exec("INSERT INTO t VALUES (3)");
    db_->sql().exec("INSERT INTO no_such_table VALUES (3)");
    return Status::Ok();
  });
  EXPECT_TRUE(thrown.IsIoError()) << thrown.message();
  EXPECT_FALSE(InTransaction());
  EXPECT_EQ(Rows(), 1);
}

// Database::Run: the lock is held, SQLite errors become statuses, and nothing escapes.
struct RunCase {
  const char* name;
  std::function<void(Database&)> body;  // throws
  Status::Code code;
  const char* message_part;
  bool other_writer = false;  // another connection holds the write lock meanwhile
};

class DatabaseRunTest : public ::testing::TestWithParam<RunCase> {};

TEST_P(DatabaseRunTest, MapsWhatTheFunctionThrows) {
  const RunCase& c = GetParam();
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .busy_timeout = std::chrono::milliseconds(50)}, &db).ok());
  db->sql().exec("CREATE TABLE t (x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1)");
  SQLite::Database other(dir.file("n.db"), SQLite::OPEN_READWRITE);
  if (c.other_writer) other.exec("BEGIN IMMEDIATE");
  Status s = db->Run([&] { c.body(*db); });
  if (c.other_writer) other.exec("ROLLBACK");
  EXPECT_EQ(s.code(), c.code) << s.message();
  EXPECT_NE(s.message().find(c.message_part), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Errors, DatabaseRunTest,
    ::testing::Values(
        RunCase{"nothing", [](Database& db) { db.Prepare("SELECT x FROM t WHERE x = ?", 1)->executeStep(); },
                Status::Code::kOk, ""},
        RunCase{"busy", [](Database& db) { db.Prepare("INSERT INTO t VALUES (?)", 2)->exec(); },
                Status::Code::kBusy, "busy", true},
        RunCase{"constraint",
                [](Database& db) {
                  db.Prepare("INSERT INTO t VALUES (?), (?)", 7, 7)->exec();
                },
                Status::Code::kInvalidArgument, "UNIQUE"},
        RunCase{"bad sql", [](Database& db) { db.Prepare("SELEC nothing")->exec(); }, Status::Code::kIoError,
                "database error"},
        RunCase{"not sqlite", [](Database&) { throw std::out_of_range("index 9"); }, Status::Code::kInternal,
                "index 9"}),
    [](const ::testing::TestParamInfo<RunCase>& info) {
      std::string name = info.param.name;
      for (char& ch : name) {
        if (ch == ' ') ch = '_';
      }
      return name;
    });

TEST(DatabaseTest, RunReturnsTheFunctionsStatus) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  Status s = db->Run([] { return Status::NotFound("no such thing"); });
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), "no such thing");
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

// Red team M8: the database and its WAL and shared-memory files are the service user's alone,
// whatever the umask, and an existing world-readable file is tightened.
TEST(DatabaseFilesTest, CreatedAndKeptPrivate) {
  testing::TempDir dir;
  mode_t old = ::umask(022);
  {
    std::ofstream(dir.file("old.db")).flush();
    ::chmod(dir.file("old.db").c_str(), 0644);
    for (const char* name : {"new.db", "old.db"}) {
      std::unique_ptr<Database> db;
      ASSERT_TRUE(Database::Open({.path = dir.file(name)}, &db).ok());
      db->sql().exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
      for (const char* suffix : {"", "-wal", "-shm"}) {
        struct stat st {};
        ASSERT_EQ(::stat((dir.file(name) + suffix).c_str(), &st), 0) << name << suffix;
        EXPECT_EQ(st.st_mode & 0777, 0600u) << name << suffix;
      }
    }
  }
  EXPECT_EQ(::umask(old), 022u);  // the caller's umask is left as it was
}

// Red team C2: migration 5 rewrites stored provider update ids into keyed digests.
TEST(DatabaseFilesTest, MigrationFiveRewritesUpdateIds) {
  testing::TempDir dir;
  std::vector<Migration> up_to_4(SchemaMigrations().begin(), SchemaMigrations().begin() + 4);
  const std::string wamid = "wamid.HBgNNjI4MTM4ODg3Nzc2NhUCABIYFDNBQjM=";
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .migrations = &up_to_4}, &db).ok());
    SQLite::Statement st(db->sql(), "INSERT INTO processed_update VALUES ('whatsapp', ?, 1732071601)");
    st.bind(1, wamid);
    st.exec();
  }
  DatabaseOptions options{.path = dir.file("n.db")};
  options.update_key_digest = [](const std::string& channel, const std::string& key) {
    return "digest(" + channel + "," + std::to_string(key.size()) + ")";
  };
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(options, &db).ok());
  EXPECT_EQ(db->sql().execAndGet("SELECT update_key FROM processed_update").getString(), "digest(whatsapp," + std::to_string(wamid.size()) + ")");
  EXPECT_EQ(db->sql().execAndGet("SELECT processed_at FROM processed_update").getInt64(), 1732060800);
}

// Bug 8.2: migration 6 gives every evidence row a next_attempt_at; rows pending before it are due
// at once, and settled rows keep what they had.
TEST(DatabaseFilesTest, MigrationSixAddsEvidenceBackoff) {
  testing::TempDir dir;
  std::vector<Migration> up_to_5(SchemaMigrations().begin(), SchemaMigrations().begin() + 5);
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open({.path = dir.file("n.db"), .migrations = &up_to_5}, &db).ok());
    EXPECT_EQ(db->schema_version(), 5);
    db->sql().exec("INSERT INTO tip (code, category, who, place, happened_on, what, created_at, updated_at) "
                   "VALUES ('T1', 'uang', 'x', 'y', '2024-11-19', 'cerita', 1, 1)");
    db->sql().exec("INSERT INTO tip_evidence (tip_code, kind, provider_ref, status, attempts) VALUES "
                   "('T1', 'photo', 's1:ref', 'pending', 2), ('T1', 'photo', '', 'stored', 1)");
  }
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  EXPECT_GE(db->schema_version(), 6);
  SQLite::Statement st(db->sql(), "SELECT status, attempts, next_attempt_at FROM tip_evidence ORDER BY id");
  std::vector<std::tuple<std::string, int, int64_t>> rows;
  while (st.executeStep()) rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getInt(), st.getColumn(2).getInt64());
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, int, int64_t>>{{"pending", 2, 0}, {"stored", 1, 0}}));
  EXPECT_EQ(db->sql().execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 'tip_evidence_due'").getInt(), 1);
}

// Red team M3: under a steady stream of commits the WAL is checkpointed back below its limit.
TEST(DatabaseFilesTest, WalStaysBounded) {
  testing::TempDir dir;
  DatabaseOptions options{.path = dir.file("n.db")};
  options.background_checkpoint = std::chrono::milliseconds(20);
  options.wal_limit_bytes = 1 << 20;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(options, &db).ok());
  db->sql().exec("CREATE TABLE t (x BLOB)");
  int64_t peak = 0;
  const std::string blob(4096, 'x');
  for (int i = 0; i < 4000; ++i) {  // 16 MB of commits
    auto lock = db->Lock();
    SQLite::Statement st(db->sql(), "INSERT INTO t VALUES (?)");
    st.bind(1, blob.data(), static_cast<int>(blob.size()));
    st.exec();
    if (i % 500 == 0) db->sql().exec("DELETE FROM t");
    struct stat wal {};
    if (::stat((dir.file("n.db") + "-wal").c_str(), &wal) == 0) peak = std::max<int64_t>(peak, wal.st_size);
  }
  // The background checkpoint truncates the WAL soon after; wait for it (on a loaded machine it
  // may take longer than a fixed pause) instead of sleeping a fixed time.
  struct stat wal {};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    ASSERT_EQ(::stat((dir.file("n.db") + "-wal").c_str(), &wal), 0);
    if (wal.st_size <= 1 << 20) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < deadline);
  EXPECT_LE(wal.st_size, 1 << 20);
  EXPECT_LE(peak, 8 << 20) << "the WAL grew to " << peak << " bytes";
}

}  // namespace
}  // namespace netra
