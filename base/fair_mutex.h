// FairMutex: a mutex that hands itself to waiters in arrival order, so under load no request
// waits behind a stream of later ones (std::mutex makes no such promise, and tail latency shows it).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace netra {

class FairMutex {
 public:
  void lock() {
    std::unique_lock<std::mutex> guard(mu_);
    if (!locked_) {
      locked_ = true;
      return;
    }
    Waiter me;
    waiters_.push_back(&me);
    me.cv.wait(guard, [&] { return me.ready; });  // ownership was handed over: locked_ stays true
  }

  void unlock() {
    std::lock_guard<std::mutex> guard(mu_);
    if (waiters_.empty()) {
      locked_ = false;
      return;
    }
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->ready = true;
    next->cv.notify_one();
  }

 private:
  struct Waiter {
    std::condition_variable cv;
    bool ready = false;
  };
  std::mutex mu_;
  bool locked_ = false;
  std::deque<Waiter*> waiters_;
};

}  // namespace netra
