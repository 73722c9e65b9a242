#include "bot/database.h"

#include <sqlite3.h>
#include <sys/stat.h>

namespace netra {

Database::Database(const std::string& path)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {}

Status StatusFromSqlite(const SQLite::Exception& e) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return Status::Busy(std::string("database is busy: ") + e.what());
  if (code == SQLITE_FULL) return Status::IoError(std::string("database or disk is full: ") + e.what());
  return Status::IoError(std::string("database error: ") + e.what());
}

Status Database::Open(const DatabaseOptions& options, std::unique_ptr<Database>* out) {
  const auto& migrations = options.migrations ? *options.migrations : SchemaMigrations();
  const int known = migrations.empty() ? 0 : migrations.back().version;
  try {
    std::unique_ptr<Database> db(new Database(options.path));
    db->db_.setBusyTimeout(static_cast<int>(options.busy_timeout.count()));
    db->db_.exec("PRAGMA journal_mode=WAL");
    db->db_.exec("PRAGMA synchronous=NORMAL");
    db->db_.exec("PRAGMA secure_delete=ON");
    db->db_.exec("PRAGMA foreign_keys=ON");
    // Keep hot pages in memory rather than re-reading them with a system call each time.
    db->db_.exec("PRAGMA cache_size=-32768");
    db->db_.exec("PRAGMA mmap_size=0");
    db->db_.exec("PRAGMA temp_store=MEMORY");
    int version = db->schema_version();
    if (version > known) {
      return Status::Corruption("database " + options.path + " has schema version " + std::to_string(version) +
                                ", newer than this netra knows (" + std::to_string(known) +
                                "); run a newer netra or restore a backup");
    }
    for (const auto& m : migrations) {
      if (m.version <= version) continue;
      SQLite::Transaction tx(db->db_, SQLite::TransactionBehavior::IMMEDIATE);
      db->db_.exec(m.sql);
      db->db_.exec("PRAGMA user_version=" + std::to_string(m.version));
      tx.commit();
    }
    if (options.background_checkpoint.count() > 0) {
      db->db_.exec("PRAGMA wal_autocheckpoint=0");
      db->checkpointer_ = std::thread(&Database::CheckpointLoop, db.get(), options.path, options.background_checkpoint);
    }
    *out = std::move(db);
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return Status::IoError("cannot open database " + options.path + ": " + e.what());
  }
}

Database::~Database() {
  {
    std::lock_guard<std::mutex> lock(checkpoint_mu_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
}

void Database::CheckpointLoop(std::string path, std::chrono::milliseconds every) {
  try {
    SQLite::Database conn(path, SQLite::OPEN_READWRITE);
    conn.setBusyTimeout(1000);
    std::unique_lock<std::mutex> lock(checkpoint_mu_);
    while (!checkpoint_cv_.wait_for(lock, every, [this] { return stopping_; })) {
      try {
        conn.exec("PRAGMA wal_checkpoint(PASSIVE)");  // never blocks the writer
      } catch (const SQLite::Exception&) {
        // busy or I/O trouble: the next round tries again; the WAL keeps every commit meanwhile
      }
    }
  } catch (const SQLite::Exception&) {
  }
}

Database::CachedStatement Database::Prepare(const std::string& sql) {
  auto& st = statements_[sql];
  if (!st) {
    st = std::make_unique<SQLite::Statement>(db_, sql);
  } else {
    st->reset();
    st->clearBindings();
  }
  return CachedStatement(st.get());
}

int Database::schema_version() {
  return db_.execAndGet("PRAGMA user_version").getInt();
}

Status Database::Ping() {
  auto lock = Lock();
  struct stat st {};
  if (::stat(db_.getFilename().c_str(), &st) != 0) {
    return Status::IoError("database file " + db_.getFilename() + " is gone");
  }
  try {
    db_.execAndGet("SELECT COUNT(*) FROM sqlite_master");
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
