#include "base/periodic_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <iostream>

namespace netra {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Counts runs and lets a test wait for the n-th one without sleeping.
class RunLog {
 public:
  void Record() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++runs_;
    }
    cv_.notify_all();
  }
  bool WaitFor(int n, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return runs_ >= n; });
  }
  int runs() {
    std::lock_guard<std::mutex> lock(mu_);
    return runs_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int runs_ = 0;
};

// Bug 8.3: Stop() right after Start(), or while the worker waits its hour, returns at once. The
// old loops flipped an atomic without the mutex and could sleep through the notify.
TEST(PeriodicWorkerTest, StopReturnsPromptlyWhateverTheMoment) {
  struct Case {
    const char* name;
    bool wait_for_first_run;
    std::chrono::milliseconds min_pause;
  };
  const Case cases[] = {
      {"stop right after start", false, 0ms},
      {"stop while waiting the period", true, 0ms},
      {"stop during the minimum pause", true, 1h},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Clock::duration slowest{};
    for (int i = 0; i < 200; ++i) {
      RunLog log;
      PeriodicWorker worker;
      worker.Start([&] { log.Record(); return PeriodicWorker::kIdle; }, 1h, c.min_pause);
      if (c.wait_for_first_run) {
        ASSERT_TRUE(log.WaitFor(1, 5s));
      }
      auto started = Clock::now();
      worker.Stop();
      slowest = std::max(slowest, Clock::now() - started);
      EXPECT_FALSE(worker.running());
    }
    EXPECT_LT(slowest, 1s);
    std::cout << "[ measured ] " << c.name << ": slowest Stop() of 200 took "
              << std::chrono::duration_cast<std::chrono::microseconds>(slowest).count() << " us\n";
  }
}

TEST(PeriodicWorkerTest, WakeRunsTheFunctionAgainBeforeThePeriod) {
  RunLog log;
  PeriodicWorker worker;
  worker.Start([&] { log.Record(); return PeriodicWorker::kIdle; }, 1h);
  ASSERT_TRUE(log.WaitFor(1, 5s));
  for (int n = 2; n <= 20; ++n) {
    worker.Wake();
    ASSERT_TRUE(log.WaitFor(n, 5s)) << "run " << n;
  }
}

TEST(PeriodicWorkerTest, WakeDuringARunIsNotLost) {
  RunLog log;
  std::atomic<bool> in_first{false}, release{false};
  PeriodicWorker worker;
  worker.Start(
      [&] {
        if (log.runs() == 0) {
          in_first = true;
          while (!release) std::this_thread::yield();
        }
        log.Record();
        return PeriodicWorker::kIdle;
      },
      1h);
  while (!in_first) std::this_thread::yield();
  worker.Wake();  // lands while the first run is still going
  release = true;
  EXPECT_TRUE(log.WaitFor(2, 5s));
}

TEST(PeriodicWorkerTest, PauseIsWhatTheFunctionAsksCappedByThePeriod) {
  struct Case {
    const char* name;
    PeriodicWorker::Duration asked;
    PeriodicWorker::Duration period;
  };
  const Case cases[] = {
      {"more work: at once", PeriodicWorker::kMoreWork, 1h},
      {"a short pause", 1ms, 1h},
      {"idle: the (short) period", PeriodicWorker::kIdle, 1ms},
      {"longer than the period: the period", 1h, 1ms},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    RunLog log;
    PeriodicWorker worker;
    worker.Start([&] { log.Record(); return c.asked; }, c.period);
    EXPECT_TRUE(log.WaitFor(10, 5s)) << log.runs();
    worker.Stop();
    EXPECT_EQ(worker.runs(), static_cast<uint64_t>(log.runs()));
  }
}

TEST(PeriodicWorkerTest, StopBeforeStartTwiceAndRestartAreSafe) {
  RunLog log;
  PeriodicWorker worker;
  worker.Stop();
  worker.Start([&] { log.Record(); return PeriodicWorker::kIdle; }, 1h);
  worker.Start([&] { return PeriodicWorker::kMoreWork; }, 1h);  // ignored: already running
  ASSERT_TRUE(log.WaitFor(1, 5s));
  worker.Stop();
  worker.Stop();
  worker.Start([&] { log.Record(); return PeriodicWorker::kIdle; }, 1h);
  EXPECT_TRUE(log.WaitFor(2, 5s));
  // The destructor stops the second run.
}

}  // namespace
}  // namespace netra
