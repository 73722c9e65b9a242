// Database: one SQLite connection with Netra's pragmas and schema, shared by the stores.
//
// Opening applies WAL mode, a busy timeout, secure_delete and foreign keys, then the versioned
// schema migrations that the file lacks. A store runs each operation through Run() (the
// connection's lock held, SQLite errors turned into a Status) and uses WriteTransaction
// (write_transaction.h) for anything that writes more than once.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "base/status.h"

namespace netra {

// One schema step: the SQL that takes the schema from version `version - 1` to `version`.
struct Migration {
  int version;
  const char* sql;
};

// Netra's schema, oldest first.
const std::vector<Migration>& SchemaMigrations();

struct DatabaseOptions {
  std::string path = "netra.db";
  std::chrono::milliseconds busy_timeout{5000};
  // Checkpoint the WAL from a background connection every this often, so the fsync of a
  // checkpoint never lands inside a request's commit; zero leaves SQLite's automatic checkpoints.
  std::chrono::milliseconds background_checkpoint{0};
  const std::vector<Migration>* migrations = nullptr;  // nullptr: SchemaMigrations()
  // The keyed digest of a provider update id (see UpdateKeyDigest), offered to SQL as
  // netra_update_key(channel, key) so that a migration can rewrite stored ids. Unset: the function
  // fails when called (a migration that needs it then stops with an error).
  std::function<std::string(const std::string& channel, const std::string& key)> update_key_digest;
  // With background checkpoints: the WAL is checkpointed back to zero bytes by the committing
  // writer when it grows past half of this (and journal_size_limit caps what stays on disk).
  int64_t wal_limit_bytes = 64 << 20;
};

// Maps a SQLiteCpp exception to a Status: Busy for a locked database, InvalidArgument for a
// broken constraint, IoError otherwise.
Status StatusFromSqlite(const SQLite::Exception& e);

class Database {
 public:
  // Opens (creating if needed) and migrates the database.
  // Returns OK and sets *db on success; Corruption when the file's schema is newer than this
  // binary knows; IoError when the file cannot be opened or a migration fails.
  static Status Open(const DatabaseOptions& options, std::unique_ptr<Database>* db);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // The connection; hold Lock() while using it. The lock is recursive, so a caller may hold it
  // across several store calls to make them one transaction.
  SQLite::Database& sql() { return db_; }
  std::unique_lock<std::recursive_mutex> Lock() { return std::unique_lock<std::recursive_mutex>(mu_); }

  // The schema version the file is at.
  int schema_version();

  // A prepared statement for `sql` from the connection's cache, reset and unbound; hold Lock()
  // while using it. The cache keeps one statement per SQL text, so a caller must not use the same
  // text twice at once. Throws SQLite::Exception when the SQL does not prepare.
  class CachedStatement {
   public:
    explicit CachedStatement(SQLite::Statement* st) : st_(st) {}
    ~CachedStatement() {
      try {
        st_->reset();  // ends any read it began; never throws out of a destructor
      } catch (...) {
      }
    }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    SQLite::Statement* operator->() { return st_; }
    SQLite::Statement& operator*() { return *st_; }

   private:
    SQLite::Statement* st_;
  };
  CachedStatement Prepare(const std::string& sql);
  // The same, with `args` bound to the statement's parameters in order (SQLite::bind).
  template <class First, class... Rest>
  CachedStatement Prepare(const std::string& sql, const First& first, const Rest&... rest) {
    SQLite::Statement* st = Cached(sql);
    SQLite::bind(*st, first, rest...);
    return CachedStatement(st);
  }

  // Runs `f` with the lock held; `f` may throw and returns a Status, or nothing for OK.
  // Returns what `f` returns; StatusFromSqlite's status when it throws SQLite::Exception;
  // Internal when it throws another exception.
  template <class F>
  Status Run(F&& f) {
    auto lock = Lock();
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
        f();
        return Status::Ok();
      } else {
        return f();
      }
    } catch (const SQLite::Exception& e) {
      return StatusFromSqlite(e);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("storage: ") + e.what());
    }
  }

  // Checks that the database file is still in place and answers a query.
  // Returns OK when it does; IoError or Busy otherwise.
  Status Ping();

 private:
  explicit Database(const std::string& path);
  // The cached statement for `sql`, reset and unbound. Throws SQLite::Exception.
  SQLite::Statement* Cached(const std::string& sql);
  void CheckpointLoop(std::string path, std::chrono::milliseconds every, int64_t wal_limit_bytes);

  std::recursive_mutex mu_;
  SQLite::Database db_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;
  std::function<std::string(const std::string&, const std::string&)> update_key_digest_;
  int wal_limit_pages_ = 0;
};

}  // namespace netra
