#include "storage/sqlite_session_store.h"

namespace netra {

Status SqliteSessionStore::Load(const std::string& user_key, Session* session) {
  return db_->Run([&] {
    auto st = db_->Prepare("SELECT state, data, updated_at FROM session WHERE user_key = ?", user_key);
    if (!st->executeStep()) return Status::NotFound("no session");
    nlohmann::json data = nlohmann::json::parse(st->getColumn(1).getString(), nullptr, false);
    *session = Session{user_key, st->getColumn(0).getString(),
                       data.is_object() ? data : nlohmann::json::object(), st->getColumn(2).getInt64()};
    return Status::Ok();
  });
}

Status SqliteSessionStore::Save(const Session& session) {
  return db_->Run([&] {
    db_->Prepare("INSERT INTO session (user_key, state, data, updated_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, data = excluded.data, "
                 "updated_at = excluded.updated_at",
                 session.user_key, session.state, session.data.dump(), session.updated_at)
        ->exec();
  });
}

Status SqliteSessionStore::Delete(const std::string& user_key) {
  return db_->Run([&] { db_->Prepare("DELETE FROM session WHERE user_key = ?", user_key)->exec(); });
}

}  // namespace netra
