// FeedbackStore: 👍/👎 counts per knowledge entry, never per person.
#pragma once

#include <string>

#include "base/status.h"

namespace netra {

class FeedbackStore {
 public:
  virtual ~FeedbackStore() = default;
  // Returns OK on success; the storage error otherwise.
  virtual Status Record(const std::string& entry_id, bool helpful) = 0;
};

}  // namespace netra
