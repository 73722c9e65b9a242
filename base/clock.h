// Clock: the time source, behind an interface so tests can move time by hand
// (tests/fake_clock.h).
#pragma once

#include <chrono>
#include <cstdint>

namespace netra {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual int64_t NowSeconds() const = 0;
  // Milliseconds since the Unix epoch. A clock that keeps only seconds gives whole seconds.
  virtual int64_t NowMillis() const { return NowSeconds() * 1000; }
};

class SystemClock : public Clock {
 public:
  int64_t NowSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  int64_t NowMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace netra
