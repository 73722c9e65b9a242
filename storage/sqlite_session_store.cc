#include "storage/sqlite_session_store.h"

namespace netra {

Status SqliteSessionStore::Load(const std::string& user_key, Session* session) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("SELECT state, data, updated_at FROM session WHERE user_key = ?");
    st->bind(1, user_key);
    if (!st->executeStep()) return Status::NotFound("no session");
    nlohmann::json data = nlohmann::json::parse(st->getColumn(1).getString(), nullptr, false);
    *session = Session{user_key, st->getColumn(0).getString(),
                       data.is_object() ? data : nlohmann::json::object(), st->getColumn(2).getInt64()};
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteSessionStore::Save(const Session& session) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("INSERT INTO session (user_key, state, data, updated_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, data = excluded.data, "
                         "updated_at = excluded.updated_at");
    st->bind(1, session.user_key);
    st->bind(2, session.state);
    st->bind(3, session.data.dump());
    st->bind(4, session.updated_at);
    st->exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteSessionStore::Delete(const std::string& user_key) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("DELETE FROM session WHERE user_key = ?");
    st->bind(1, user_key);
    st->exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
