// Clock: the time source, behind an interface so tests can move time by hand.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace netra {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
};

class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t now = 1'730'000'000) : now_(now) {}
  int64_t NowSeconds() const override { return now_.load(); }
  void Set(int64_t now) { now_ = now; }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace netra
