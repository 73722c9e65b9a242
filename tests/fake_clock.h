// FakeClock: a Clock that tests set and move by hand, to the millisecond.
#pragma once

#include <atomic>
#include <cstdint>

#include "base/clock.h"

namespace netra {

class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t now_seconds = 1'730'000'000) : now_ms_(now_seconds * 1000) {}
  int64_t NowSeconds() const override { return now_ms_.load() / 1000; }
  int64_t NowMillis() const override { return now_ms_.load(); }
  void Set(int64_t now_seconds) { now_ms_ = now_seconds * 1000; }
  void Advance(int64_t seconds) { now_ms_ += seconds * 1000; }
  void AdvanceMillis(int64_t ms) { now_ms_ += ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace netra
