// DeskReports: counts of tips for the reviewers' statistics. Counts only: the desk renders them
// with the scripts' texts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace netra {

struct TipCount {
  std::string key;  // a status, a category, a region, or an ISO week "2026-W53"
  int64_t count = 0;
};

struct TipStatistics {
  std::vector<TipCount> by_status;    // most first
  std::vector<TipCount> by_category;  // most first
  std::vector<TipCount> by_region;    // the place up to its first comma; the ten largest
  std::vector<TipCount> by_week;      // ISO 8601 weeks in WIB, newest first; the last eight
};

class DeskReports {
 public:
  virtual ~DeskReports() = default;
  // Returns OK and fills *out; the storage error otherwise.
  virtual Status Statistics(TipStatistics* out) = 0;
};

}  // namespace netra
