// SqliteQuestionLog: QuestionLog in the unanswered_question table.
#pragma once

#include "storage/database.h"
#include "dialogs/question_log.h"

namespace netra {

class SqliteQuestionLog : public QuestionLog {
 public:
  explicit SqliteQuestionLog(Database* db) : db_(db) {}
  Status RecordDeclined(const std::string& key, const std::string& masked_text, int64_t now) override;
  Status MostFrequent(size_t limit, std::vector<UnansweredQuestion>* out) override;

 private:
  Database* db_;
};

}  // namespace netra
