// AuditLog: the hash-chained record of what reviewers do, and of refused desk commands.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace netra {

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends one entry. Returns OK on success; the storage error otherwise.
  virtual Status Audit(const std::string& actor, const std::string& action, const std::string& code,
                       const std::string& detail, int64_t now) = 0;
};

}  // namespace netra
