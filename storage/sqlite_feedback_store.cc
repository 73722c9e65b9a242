#include "storage/sqlite_feedback_store.h"

namespace netra {

Status SqliteFeedbackStore::Record(const std::string& entry_id, bool helpful) {
  return db_->Run([&] {
    db_->Prepare(helpful ? "INSERT INTO entry_feedback (entry_id, helpful) VALUES (?, 1) "
                           "ON CONFLICT(entry_id) DO UPDATE SET helpful = helpful + 1"
                         : "INSERT INTO entry_feedback (entry_id, unhelpful) VALUES (?, 1) "
                           "ON CONFLICT(entry_id) DO UPDATE SET unhelpful = unhelpful + 1",
                 entry_id)
        ->exec();
  });
}

}  // namespace netra
