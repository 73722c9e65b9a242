// WriteTransaction: an RAII write transaction that nests. Outermost it is BEGIN IMMEDIATE;
// inside another transaction (a webhook's unit of work) it is a savepoint. It rolls back unless
// Commit() is called; the destructor never throws.
#pragma once

#include <sqlite3.h>

#include "storage/database.h"

namespace netra {

class WriteTransaction {
 public:
  // Throws SQLite::Exception when the transaction cannot begin (e.g. the database is busy).
  explicit WriteTransaction(Database& db) : db_(db) {
    nested_ = sqlite3_get_autocommit(db_.sql().getHandle()) == 0;
    db_.sql().exec(nested_ ? "SAVEPOINT netra_write" : "BEGIN IMMEDIATE");
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // Throws SQLite::Exception when the commit fails (the transaction then rolls back on destruction).
  void Commit() {
    db_.sql().exec(nested_ ? "RELEASE netra_write" : "COMMIT");
    committed_ = true;
  }

  ~WriteTransaction() {
    if (committed_) return;
    try {
      db_.sql().exec(nested_ ? "ROLLBACK TO netra_write; RELEASE netra_write" : "ROLLBACK");
    } catch (...) {
    }
  }

 private:
  Database& db_;
  bool nested_ = false;
  bool committed_ = false;
};

// Runs `f` (returns a Status, may throw) through db.Run() inside a WriteTransaction.
// Returns what `f` returns, committed when it is OK and rolled back otherwise; the storage error
// when the transaction cannot begin or commit.
template <class F>
Status RunWrite(Database& db, F&& f) {
  return db.Run([&]() -> Status {
    WriteTransaction tx(db);
    Status s = f();
    if (s.ok()) tx.Commit();
    return s;
  });
}

}  // namespace netra
