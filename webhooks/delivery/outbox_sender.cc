#include "webhooks/delivery/outbox_sender.h"

#include "webhooks/channel/provider_answer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "base/periodic_worker.h"

namespace netra {

// Outcomes on their way into the outbox. One that cannot be written is kept here and written
// again later; while any is kept, the lanes start no new sends and skip its row.
class OutboxSender::Ledger {
 public:
  struct Entry {
    int64_t id = 0;
    SendOutcome::Kind kind = SendOutcome::Kind::kRetry;
    int64_t next_attempt_ms = 0;
    std::string error;
  };

  Ledger(Outbox* outbox, int64_t max_delay_ms) : outbox_(outbox), max_delay_ms_(max_delay_ms) {}

  // Writes `e` (after any kept ones). Returns true when it is written; false when it is kept.
  bool Write(const Entry& e, int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    kept_[e.id] = e;
    if (kept_.size() > 1 && now_ms < next_try_ms_) return false;
    FlushLocked(now_ms);
    return kept_.find(e.id) == kept_.end();
  }

  // Writes the kept outcomes when their next try is due. Returns true when none is kept.
  bool Flush(int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!kept_.empty() && now_ms >= next_try_ms_) FlushLocked(now_ms);
    return kept_.empty();
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return kept_.size();
  }
  // When the next try is due (ms since the epoch); only meaningful while size() > 0.
  int64_t next_try_ms() const {
    std::lock_guard<std::mutex> lock(mu_);
    return next_try_ms_;
  }

 private:
  Status Apply(const Entry& e) {
    try {
      switch (e.kind) {
        case SendOutcome::Kind::kDelivered:
          return outbox_->Delivered(e.id);
        case SendOutcome::Kind::kRetry:
          return outbox_->Retry(e.id, e.next_attempt_ms, e.error);
        case SendOutcome::Kind::kFailed:
          return outbox_->Failed(e.id, e.error);
      }
      return Status::Ok();
    } catch (const std::exception& ex) {
      return Status::IoError(ex.what());
    }
  }

  void FlushLocked(int64_t now_ms) {
    for (auto it = kept_.begin(); it != kept_.end();) {
      if (!Apply(it->second).ok()) {
        next_try_ms_ = now_ms + delay_ms_;
        delay_ms_ = std::min(max_delay_ms_, delay_ms_ * 2);
        return;
      }
      it = kept_.erase(it);
    }
    delay_ms_ = kFirstDelayMs;
  }

  static constexpr int64_t kFirstDelayMs = 100;
  Outbox* outbox_;
  const int64_t max_delay_ms_;
  mutable std::mutex mu_;
  std::map<int64_t, Entry> kept_;  // by row id
  int64_t next_try_ms_ = 0;
  int64_t delay_ms_ = kFirstDelayMs;
};

// One channel: a dispatcher that picks rows that can go now and workers that send them.
class OutboxSender::Lane {
 public:
  Lane(OutboxSender* sender, Channel* channel, SenderLaneOptions options)
      : sender_(sender), provider_(channel), channel_(channel->name()), options_(std::move(options)) {
    options_.workers = std::max(1, options_.workers);
  }
  ~Lane() { Stop(); }

  void Start() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (running_) return;
      running_ = true;
      queue_.clear();
      in_flight_.clear();
      for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { Work(); });
    }
    const OutboxSenderOptions& o = sender_->options_;
    // The longest pause a pass asks for is the ledger's (10 polls) or a failing read's (1 s).
    auto period = std::chrono::milliseconds(std::max<int64_t>(1000, 10 * o.poll_ms));
    auto min_pause = std::chrono::milliseconds(std::max<int64_t>(0, o.min_idle_pause_ms));
    dispatcher_.Start([this] { return Dispatch(); }, period, min_pause);
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!running_) return;
      running_ = false;
    }
    dispatcher_.Stop();
    work_cv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  void Wake() { dispatcher_.Wake(); }

 private:
  // One dispatcher run: a pass over the outbox. Returns kMoreWork when it handed rows out, else
  // how long to wait for the next due row (a Wake() ends the wait early). Never throws.
  PeriodicWorker::Duration Dispatch() {
    int64_t wait_ms = sender_->options_.poll_ms;
    size_t handed = 0;
    try {
      handed = Pass(sender_->NowMs(), &wait_ms);
    } catch (const std::exception& e) {
      sender_->logger_->Error("outbox_lane_error", {{"channel", channel_}, {"error", CleanProviderText(e.what())}});
      wait_ms = 1000;
    }
    if (handed > 0) return PeriodicWorker::kMoreWork;
    // Nothing could go: the worker pauses min_idle_pause_ms even when woken, so a stream of
    // wake-ups under load does not turn into a stream of outbox scans.
    return std::chrono::milliseconds(std::max<int64_t>(1, wait_ms));
  }

  // Hands the rows that can be sent now to the workers. Returns how many; sets *wait_ms to how
  // long to wait when nothing more can go before a wake-up.
  size_t Pass(int64_t now_ms, int64_t* wait_ms) {
    const OutboxSenderOptions& o = sender_->options_;
    sender_->ReportDepth(now_ms);
    Ledger* ledger = sender_->ledger_.get();
    if (!ledger->Flush(now_ms)) {  // the database refuses writes: send nothing new meanwhile
      *wait_ms = std::clamp<int64_t>(ledger->next_try_ms() - now_ms, 1, o.poll_ms * 10);
      return 0;
    }
    const ChannelPacing pace = provider_->pacing();
    bool paced = pace.per_second > 0 || pace.chat_interval_ms > 0;
    size_t free = 0, skip = 0;
    std::set<std::string> busy;  // chats in flight before the read: their rows in it may be stale
    {
      std::lock_guard<std::mutex> lock(mu_);
      free = static_cast<size_t>(options_.workers) - std::min(in_flight_.size(), static_cast<size_t>(options_.workers));
      if (free == 0) return 0;  // a worker finishing wakes us
      if (paced) {
        while (!window_ms_.empty() && now_ms - window_ms_.front() >= 1000) window_ms_.pop_front();
        if (pace.per_second > 0) {
          if (static_cast<int>(window_ms_.size()) >= pace.per_second) {
            *wait_ms = std::max<int64_t>(1, window_ms_.front() + 1000 - now_ms);
            return 0;
          }
          free = std::min(free, static_cast<size_t>(pace.per_second - static_cast<int>(window_ms_.size())));
        }
        std::erase_if(last_sent_ms_, [&](const auto& kv) { return now_ms - kv.second >= pace.chat_interval_ms; });
      }
      // Chats in flight or cooling down take no slot: ask for that many more rows.
      skip = in_flight_.size() + last_sent_ms_.size();
      busy = in_flight_;
    }
    std::vector<OutboxMessage> due;
    size_t undeliverable = 0;
    Status s = sender_->outbox_->Due(channel_, now_ms, free + skip, &due, &undeliverable);
    if (undeliverable > 0) {  // sealed under another key: marked failed by Due, counted here
      sender_->metrics_->Increment("netra_outbox_undeliverable_total", {{"channel", channel_}},
                                   static_cast<double>(undeliverable));
      sender_->logger_->Warn("outbox_undeliverable", {{"channel", channel_}, {"count", undeliverable}});
    }
    if (!s.ok()) {
      sender_->metrics_->Increment("netra_outbox_read_failures_total", {{"channel", channel_}});
      *wait_ms = 1000;  // no hot loop against a failing database
      return 0;
    }
    if (ledger->size() > 0) return 0;  // a worker could not write meanwhile: send nothing new
    size_t handed = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!running_) return 0;
      for (auto& m : due) {
        if (handed == free) break;
        // A chat in flight when the rows were read may have finished since, and its row in `due`
        // may already be delivered or kept by the ledger: it waits for the next pass. (No ledger
        // call here: mu_ is never held while waiting for the ledger or the database.)
        if (busy.count(m.chat_key) > 0 || in_flight_.count(m.chat_key) > 0) continue;
        if (paced) {
          bool is_message = provider_->IsChatMessage(m.method);
          if (is_message && last_sent_ms_.count(m.chat_key) > 0) continue;
          window_ms_.push_back(now_ms);
          if (is_message) last_sent_ms_[m.chat_key] = now_ms;
        }
        in_flight_.insert(m.chat_key);
        queue_.push_back(std::move(m));
        ++handed;
      }
    }
    if (handed > 0) work_cv_.notify_all();
    return handed;
  }

  void Work() {
    while (true) {
      OutboxMessage m;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this] { return !queue_.empty() || !running_; });
        if (!running_) return;  // queued rows stay pending in the outbox
        m = std::move(queue_.front());
        queue_.pop_front();
      }
      SendOutcome outcome;
      try {
        outcome = sender_->Deliver(*provider_, m, options_.timeouts);
      } catch (const std::exception& e) {
        outcome = SendUnknown(std::string("exception: ") + CleanProviderText(e.what()));
      } catch (...) {
        outcome = SendUnknown("exception");
      }
      // Recorded (or kept by the ledger) before the chat is free, so the row is never picked
      // again while its outcome is unknown to the dispatcher.
      sender_->Record(m, outcome, sender_->NowMs());
      {
        std::lock_guard<std::mutex> lock(mu_);
        in_flight_.erase(m.chat_key);
      }
      dispatcher_.Wake();
    }
  }

  OutboxSender* sender_;
  Channel* provider_;
  const std::string channel_;
  SenderLaneOptions options_;
  std::mutex mu_;
  std::condition_variable work_cv_;
  bool running_ = false;
  std::deque<OutboxMessage> queue_;
  std::set<std::string> in_flight_;               // chat keys queued or being sent
  std::map<std::string, int64_t> last_sent_ms_;  // paced channels: chat_key -> last message, within the interval
  std::deque<int64_t> window_ms_;                 // paced channels: sends within the last second
  std::vector<std::thread> workers_;
  PeriodicWorker dispatcher_;  // picks rows; woken by Wake() and by each finished send
};

OutboxSender::OutboxSender(Outbox* outbox, std::vector<Channel*> channels, OutboxSenderOptions options,
                           Metrics* metrics, Logger* logger)
    : outbox_(outbox),
      channels_(std::move(channels)),
      options_(std::move(options)),
      metrics_(metrics),
      logger_(logger),
      clock_(options_.clock != nullptr ? options_.clock : &system_clock_) {
  metrics_->Describe("netra_outbox_sends_total", "counter", "Delivery attempts by channel and result.");
  metrics_->Describe("netra_outbox_send_failures_total", "counter", "Failed deliveries by channel and kind.");
  metrics_->Describe("netra_outbox_pending", "gauge", "Messages waiting in the outbox.");
  metrics_->Describe("netra_outbox_oldest_age_seconds", "gauge", "Age of the oldest waiting message.");
  metrics_->Describe("netra_outbox_unrecorded", "gauge", "Send outcomes the database has not accepted yet.");
  metrics_->Describe("netra_outbox_record_failures_total", "counter", "Send outcomes the database refused at first.");
  metrics_->Describe("netra_outbox_read_failures_total", "counter", "Outbox reads that failed, by channel.");
  metrics_->Describe("netra_outbox_undeliverable_total", "counter",
                     "Rows marked failed because their destination no longer opens under the key.");
  ledger_ = std::make_unique<Ledger>(outbox_, std::max<int64_t>(100, options_.record_retry_max_ms));
  for (Channel* channel : channels_) {
    auto lane = options_.lanes.find(channel->name());
    lanes_.push_back(std::make_unique<Lane>(this, channel, lane != options_.lanes.end() ? lane->second : options_.lane));
  }
}

OutboxSender::~OutboxSender() { Stop(); }

void OutboxSender::Start() {
  if (running_.exchange(true)) return;
  for (auto& lane : lanes_) lane->Start();
}

void OutboxSender::Stop() {
  if (!running_.exchange(false)) return;
  for (auto& lane : lanes_) lane->Stop();
  size_t kept = ledger_->size();
  if (kept > 0 && !ledger_->Flush(NowMs() + options_.record_retry_max_ms)) {
    logger_->Error("outbox_outcomes_unrecorded_at_stop", {{"count", ledger_->size()}});
  }
}

void OutboxSender::Wake() {
  for (auto& lane : lanes_) lane->Wake();
}

size_t OutboxSender::unrecorded() const { return ledger_->size(); }

int64_t OutboxSender::Backoff(int attempts) const {
  static thread_local std::mt19937 rng(std::random_device{}());
  double factor = std::min<double>(static_cast<double>(options_.max_backoff_seconds), std::pow(2.0, std::clamp(attempts, 0, 40)));
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  double ms = static_cast<double>(options_.backoff_unit_ms) * factor * jitter(rng);
  return std::max<int64_t>(options_.backoff_unit_ms, static_cast<int64_t>(ms));
}

void OutboxSender::ReportDepth(int64_t now_ms) {
  std::unique_lock<std::mutex> lock(depth_mu_, std::try_to_lock);
  if (!lock.owns_lock() || now_ms - depth_checked_ms_ < 1000) return;  // a full count, so at most once a second
  depth_checked_ms_ = now_ms;
  int64_t pending = 0, oldest = 0;
  if (outbox_->Depth(now_ms / 1000, &pending, &oldest).ok()) {
    metrics_->Set("netra_outbox_pending", {}, static_cast<double>(pending));
    metrics_->Set("netra_outbox_oldest_age_seconds", {}, static_cast<double>(oldest));
  }
  metrics_->Set("netra_outbox_unrecorded", {}, static_cast<double>(ledger_->size()));
}

SendOutcome OutboxSender::Deliver(Channel& channel, const OutboxMessage& m, const ProviderTimeouts& timeouts) {
  if (!m.payload.is_object()) return SendFailed("unreadable payload");
  return channel.Send({m.method, m.payload}, m.destination, {timeouts, options_.max_retry_after_seconds});
}

void OutboxSender::Record(const OutboxMessage& m, const SendOutcome& o, int64_t now_ms) {
  Ledger::Entry e;
  e.id = m.id;
  e.kind = o.kind;
  e.error = o.error;
  int cap = o.unknown_reply ? std::min(options_.max_attempts, options_.max_unknown_attempts) : options_.max_attempts;
  bool exhausted = o.kind == SendOutcome::Kind::kRetry && m.attempts + 1 >= cap;
  if (exhausted) {
    e.kind = SendOutcome::Kind::kFailed;
  } else if (o.kind == SendOutcome::Kind::kRetry) {
    e.next_attempt_ms = now_ms + (o.retry_after_seconds > 0 ? o.retry_after_seconds * 1000 : Backoff(m.attempts));
  }
  bool written = ledger_->Write(e, now_ms);
  try {  // metrics or logging trouble must not end the worker
    switch (o.kind) {
      case SendOutcome::Kind::kDelivered:
        metrics_->Increment("netra_outbox_sends_total", {{"channel", m.channel}, {"result", "delivered"}});
        break;
      case SendOutcome::Kind::kRetry: {
        std::string kind = o.error.rfind("rate_limited", 0) == 0 ? "rate_limited"
                           : o.unknown_reply                     ? "unknown_reply"
                                                                 : "retry";
        metrics_->Increment("netra_outbox_send_failures_total",
                            {{"channel", m.channel}, {"kind", exhausted ? "exhausted" : kind}});
        if (o.unknown_reply) logger_->Warn("outbox_unknown_reply", {{"channel", m.channel}, {"error", o.error}});
        break;
      }
      case SendOutcome::Kind::kFailed:
        metrics_->Increment("netra_outbox_send_failures_total", {{"channel", m.channel}, {"kind", "permanent"}});
        logger_->Warn("outbox_send_failed", {{"channel", m.channel}, {"error", o.error}});
        break;
    }
    if (!written) {
      metrics_->Increment("netra_outbox_record_failures_total", {{"channel", m.channel}});
      logger_->Error("outbox_outcome_kept_in_memory", {{"channel", m.channel}, {"kept", ledger_->size()}});
    }
  } catch (const std::exception& ex) {
    logger_->Error("outbox_record_error", {{"channel", m.channel}, {"error", CleanProviderText(ex.what())}});
  }
}

}  // namespace netra
