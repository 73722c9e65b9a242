// QuestionLog: where declined questions go (masked text only, never who asked), so curators can
// extend the knowledge base.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace netra {

struct UnansweredQuestion {
  std::string example;  // the latest masked wording
  int64_t count = 0;
  int64_t last_seen = 0;
};

class QuestionLog {
 public:
  virtual ~QuestionLog() = default;
  // Records one declined question; `key` groups wordings that normalise alike.
  // Returns OK on success; Busy or IoError when storage fails.
  virtual Status RecordDeclined(const std::string& key, const std::string& masked_text, int64_t now) = 0;
  // The most frequent declined questions, most frequent first.
  // Returns OK and fills *out on success; the storage error otherwise.
  virtual Status MostFrequent(size_t limit, std::vector<UnansweredQuestion>* out) = 0;
};

}  // namespace netra
