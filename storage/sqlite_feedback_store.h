// SqliteFeedbackStore: FeedbackStore in the entry_feedback table.
#pragma once

#include "storage/database.h"
#include "dialogs/feedback_store.h"

namespace netra {

class SqliteFeedbackStore : public FeedbackStore {
 public:
  explicit SqliteFeedbackStore(Database* db) : db_(db) {}
  Status Record(const std::string& entry_id, bool helpful) override;

 private:
  Database* db_;
};

}  // namespace netra
