// PeriodicWorker: runs one function on a thread of its own, again after a pause the function
// chooses (at most the period), at once after Wake(), and stops promptly on Stop().
//
// The stop and wake flags live under the worker's mutex, and the thread checks them under it
// before it blocks, so neither a Stop() nor a Wake() can slip between the check and the wait.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace netra {

class PeriodicWorker {
 public:
  using Duration = std::chrono::milliseconds;
  // What a run returns: how long to wait before the next run. kMoreWork runs again at once;
  // kIdle waits the whole period; anything longer than the period is cut to it.
  static constexpr Duration kMoreWork = Duration::zero();
  static constexpr Duration kIdle = Duration::max();
  using Fn = std::function<Duration()>;

  PeriodicWorker() = default;
  ~PeriodicWorker();  // stops
  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;

  // Starts the thread: `fn` runs at once, then after each pause it asks for (at most `period`).
  // After a run that asks to wait, the thread pauses at least `min_pause` even when woken (so a
  // stream of wake-ups does not become a stream of runs); Stop() still ends the pause.
  // Does nothing when already running.
  void Start(Fn fn, Duration period, Duration min_pause = Duration::zero());
  // Ends the pause now: the function runs again soon; a Wake() during a run causes one more run.
  void Wake();
  // Lets a run in progress finish, then joins the thread. Safe to call twice, and before Start().
  void Stop();

  bool running() const;
  // How many times the function has run since Start(). For tests.
  uint64_t runs() const;

 private:
  void Loop();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool running_ = false;  // under mu_
  bool stop_ = false;     // under mu_
  bool wake_ = false;     // under mu_
  uint64_t runs_ = 0;     // under mu_
  Fn fn_;
  Duration period_{0};
  Duration min_pause_{0};
  std::thread thread_;
};

}  // namespace netra
