#include "storage/database.h"

#include <sqlite3.h>
#include <sys/stat.h>

namespace netra {

Database::Database(const std::string& path)
    : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {}

Status StatusFromSqlite(const SQLite::Exception& e) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return Status::Busy(std::string("database is busy: ") + e.what());
  if (code == SQLITE_CONSTRAINT) return Status::InvalidArgument(std::string("constraint failed: ") + e.what());
  if (code == SQLITE_FULL) return Status::IoError(std::string("database or disk is full: ") + e.what());
  return Status::IoError(std::string("database error: ") + e.what());
}

namespace {

// SQL function netra_update_key(channel, key): the keyed digest of a provider update id.
void UpdateKeyFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto* digest = static_cast<std::function<std::string(const std::string&, const std::string&)>*>(
      sqlite3_user_data(ctx));
  if (argc != 2 || !*digest) {
    sqlite3_result_error(ctx, "netra_update_key needs the secret key (open the database through Services)", -1);
    return;
  }
  auto text = [&](int i) {
    const unsigned char* t = sqlite3_value_text(argv[i]);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
  };
  std::string out = (*digest)(text(0), text(1));
  sqlite3_result_text(ctx, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// Called by SQLite after each commit with the WAL's size in pages. The background PASSIVE
// checkpoints never catch up under a steady stream of commits, so the WAL would only grow; past
// half its limit the committing writer (which holds the connection) runs one TRUNCATE checkpoint,
// which copies everything back and empties the file. Returns SQLITE_OK always: the commit stands.
int BoundWal(void* limit_pages, sqlite3* db, const char* name, int pages) {
  if (pages > *static_cast<int*>(limit_pages) / 2) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  }
  return SQLITE_OK;
}

// The database file and its WAL and shared-memory files are readable by the service's user alone.
void RestrictFileModes(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    ::chmod((path + suffix).c_str(), 0600);  // a file that does not exist yet is created under umask 077
  }
}

// Sets the process umask for the lifetime of the guard (SQLite creates the database file while it
// is held; it gives the WAL and shared-memory files the database file's mode).
class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : old_(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old_); }
  UmaskGuard(const UmaskGuard&) = delete;
  UmaskGuard& operator=(const UmaskGuard&) = delete;

 private:
  mode_t old_;
};

}  // namespace

Status Database::Open(const DatabaseOptions& options, std::unique_ptr<Database>* out) {
  const auto& migrations = options.migrations ? *options.migrations : SchemaMigrations();
  const int known = migrations.empty() ? 0 : migrations.back().version;
  try {
    UmaskGuard private_files(077);
    std::unique_ptr<Database> db(new Database(options.path));
    db->update_key_digest_ = options.update_key_digest;
    sqlite3_create_function(db->db_.getHandle(), "netra_update_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                            &db->update_key_digest_, UpdateKeyFunction, nullptr, nullptr);
    db->db_.setBusyTimeout(static_cast<int>(options.busy_timeout.count()));
    db->db_.exec("PRAGMA journal_mode=WAL");
    db->db_.exec("PRAGMA synchronous=NORMAL");
    db->db_.exec("PRAGMA secure_delete=ON");
    db->db_.exec("PRAGMA foreign_keys=ON");
    // Keep hot pages in memory rather than re-reading them with a system call each time.
    db->db_.exec("PRAGMA cache_size=-32768");
    db->db_.exec("PRAGMA mmap_size=0");
    db->db_.exec("PRAGMA temp_store=MEMORY");
    db->db_.exec("PRAGMA journal_size_limit=" + std::to_string(options.wal_limit_bytes));
    RestrictFileModes(options.path);
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
    db->wal_limit_pages_ = static_cast<int>(options.wal_limit_bytes / db->db_.execAndGet("PRAGMA page_size").getInt());
    if (options.background_checkpoint.count() > 0) {
      db->db_.exec("PRAGMA wal_autocheckpoint=0");  // replaced by the background loop and BoundWal
      sqlite3_wal_hook(db->db_.getHandle(), BoundWal, &db->wal_limit_pages_);
      db->checkpointer_ = std::thread(&Database::CheckpointLoop, db.get(), options.path, options.background_checkpoint,
                                     options.wal_limit_bytes);
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

void Database::CheckpointLoop(std::string path, std::chrono::milliseconds every, int64_t wal_limit_bytes) {
  try {
    SQLite::Database conn(path, SQLite::OPEN_READWRITE);
    conn.setBusyTimeout(1000);
    std::unique_lock<std::mutex> lock(checkpoint_mu_);
    while (!checkpoint_cv_.wait_for(lock, every, [this] { return stopping_; })) {
      try {
        // PASSIVE never blocks the writer. Past half the limit the writer's own TRUNCATE (BoundWal)
        // takes over; a PASSIVE running then would only make it fail as busy.
        struct stat wal {};
        bool large = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > wal_limit_bytes / 2;
        if (!large) conn.exec("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (const SQLite::Exception&) {
        // busy or I/O trouble: the next round tries again; the WAL keeps every commit meanwhile
      }
    }
  } catch (const SQLite::Exception&) {
  }
}

SQLite::Statement* Database::Cached(const std::string& sql) {
  auto& st = statements_[sql];
  if (!st) {
    st = std::make_unique<SQLite::Statement>(db_, sql);
  } else {
    st->reset();
    st->clearBindings();
  }
  return st.get();
}

Database::CachedStatement Database::Prepare(const std::string& sql) { return CachedStatement(Cached(sql)); }

int Database::schema_version() {
  return db_.execAndGet("PRAGMA user_version").getInt();
}

Status Database::Ping() {
  return Run([&]() -> Status {
    struct stat st {};
    if (::stat(db_.getFilename().c_str(), &st) != 0) {
      return Status::IoError("database file " + db_.getFilename() + " is gone");
    }
    db_.execAndGet("SELECT COUNT(*) FROM sqlite_master");
    return Status::Ok();
  });
}

}  // namespace netra
