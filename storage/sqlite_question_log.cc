#include "storage/sqlite_question_log.h"

namespace netra {

Status SqliteQuestionLog::RecordDeclined(const std::string& key, const std::string& masked_text, int64_t now) {
  return db_->Run([&] {
    db_->Prepare("INSERT INTO unanswered_question (normalized, example, count, first_seen, last_seen) "
                 "VALUES (?, ?, 1, ?, ?) ON CONFLICT(normalized) DO UPDATE SET "
                 "count = count + 1, example = excluded.example, last_seen = excluded.last_seen",
                 key, masked_text, now, now)
        ->exec();
  });
}

Status SqliteQuestionLog::MostFrequent(size_t limit, std::vector<UnansweredQuestion>* out) {
  return db_->Run([&] {
    auto st = db_->Prepare("SELECT example, count, last_seen FROM unanswered_question "
                           "ORDER BY count DESC, last_seen DESC LIMIT ?",
                           static_cast<int64_t>(limit));
    out->clear();
    while (st->executeStep()) {
      out->push_back({st->getColumn(0).getString(), st->getColumn(1).getInt64(), st->getColumn(2).getInt64()});
    }
  });
}

}  // namespace netra
