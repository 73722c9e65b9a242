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
    *out = std::move(db);
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return Status::IoError("cannot open database " + options.path + ": " + e.what());
  }
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
