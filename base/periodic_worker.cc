#include "base/periodic_worker.h"

#include <algorithm>

namespace netra {

PeriodicWorker::~PeriodicWorker() { Stop(); }

void PeriodicWorker::Start(Fn fn, Duration period, Duration min_pause) {
  std::lock_guard<std::mutex> lock(mu_);
  if (running_) return;
  running_ = true;
  stop_ = false;
  wake_ = false;
  runs_ = 0;
  fn_ = std::move(fn);
  period_ = std::max(Duration(1), period);
  min_pause_ = std::clamp(min_pause, Duration::zero(), period_);
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicWorker::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

void PeriodicWorker::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!running_) return;
    stop_ = true;  // under the mutex: the thread sees it before it blocks, or is woken by the notify
    running_ = false;
    thread = std::move(thread_);
  }
  cv_.notify_all();
  if (thread.joinable()) thread.join();
}

bool PeriodicWorker::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

uint64_t PeriodicWorker::runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

void PeriodicWorker::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    wake_ = false;  // cleared before the run, so a Wake() during it is not lost
    lock.unlock();
    Duration wait = fn_();
    lock.lock();
    ++runs_;
    if (stop_) break;
    if (wait <= Duration::zero()) continue;
    wait = std::min(wait, period_);
    auto until = std::chrono::steady_clock::now() + wait;
    Duration pause = std::min(wait, min_pause_);
    if (pause > Duration::zero()) cv_.wait_for(lock, pause, [this] { return stop_; });
    cv_.wait_until(lock, until, [this] { return stop_ || wake_; });
  }
}

}  // namespace netra
