#include "storage/sqlite_question_log.h"

namespace netra {

Status SqliteQuestionLog::RecordDeclined(const std::string& key, const std::string& masked_text, int64_t now) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("INSERT INTO unanswered_question (normalized, example, count, first_seen, last_seen) "
                         "VALUES (?, ?, 1, ?, ?) ON CONFLICT(normalized) DO UPDATE SET "
                         "count = count + 1, example = excluded.example, last_seen = excluded.last_seen");
    st->bind(1, key);
    st->bind(2, masked_text);
    st->bind(3, now);
    st->bind(4, now);
    st->exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteQuestionLog::MostFrequent(size_t limit, std::vector<UnansweredQuestion>* out) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("SELECT example, count, last_seen FROM unanswered_question "
                         "ORDER BY count DESC, last_seen DESC LIMIT ?");
    st->bind(1, static_cast<int64_t>(limit));
    out->clear();
    while (st->executeStep()) {
      out->push_back({st->getColumn(0).getString(), st->getColumn(1).getInt64(), st->getColumn(2).getInt64()});
    }
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
