// SqliteSessionStore: SessionStore in the session table.
#pragma once

#include "storage/database.h"
#include "dialogs/session.h"

namespace netra {

class SqliteSessionStore : public SessionStore {
 public:
  explicit SqliteSessionStore(Database* db) : db_(db) {}
  Status Load(const std::string& user_key, Session* session) override;
  Status Save(const Session& session) override;
  Status Delete(const std::string& user_key) override;

 private:
  Database* db_;
};

}  // namespace netra
