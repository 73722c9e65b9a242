// OutboxSender: drains the outbox to its channels in the background — per-chat order, each
// channel's pace (Telegram: about 1 message/s per chat and 30/s overall), exponential backoff with
// jitter on timeouts and 5xx, a provider's retry_after honoured, permanent errors marked failed.
// The channels render, send and classify; the sender only schedules and records.
//
// Each channel has its own lane: a dispatcher thread that selects only rows that can go now (one
// per chat, not in flight, not held by a rate limit) and hands them to that lane's workers, which
// send with the lane's timeouts and record each outcome as soon as it is known. A slow provider
// therefore delays only its own channel. Provider answers are classified defensively: an answer
// of a shape we do not know is retried a few times, then the row is marked failed; nothing a
// provider says can end the process. When an outcome cannot be written (disk full, database
// busy) it is kept in memory and written again later; meanwhile no lane starts a new send, and a
// message known delivered is never sent again by this process.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/logger.h"
#include "base/metrics.h"
#include "webhooks/channel/channel.h"
#include "webhooks/delivery/outbox.h"

namespace netra {

// One channel's lane: how many sends may be in flight at once and how long each may take.
struct SenderLaneOptions {
  int workers = 8;
  ProviderTimeouts timeouts;
};

struct OutboxSenderOptions {
  SenderLaneOptions lane;                          // every channel's lane, unless named in `lanes`
  std::map<std::string, SenderLaneOptions> lanes;  // by channel name
  int max_attempts = 12;
  int max_unknown_attempts = 4;        // when the provider's answer has a shape we do not know
  int64_t backoff_unit_ms = 1000;      // backoff is unit * 2^attempts (capped), with jitter
  int64_t max_backoff_seconds = 600;
  int64_t max_retry_after_seconds = 3600;  // a provider's retry_after is clamped to [1, this]
  int64_t poll_ms = 100;               // how often a lane looks for rows that became due
  int64_t min_idle_pause_ms = 25;      // after a pass that sent nothing
  int64_t record_retry_max_ms = 5000;  // longest wait between tries to write a kept outcome
  const Clock* clock = nullptr;        // due times, back-off and rate windows; nullptr: the system clock
};

class OutboxSender {
 public:
  // One lane per channel in `channels` (owned elsewhere, outliving the sender); rows of other
  // channels stay pending.
  OutboxSender(Outbox* outbox, std::vector<Channel*> channels, OutboxSenderOptions options, Metrics* metrics,
               Logger* logger);
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  void Start();
  // Stops after the messages in flight; safe to call twice.
  void Stop();
  // Asks the sender to look at the outbox now (after an enqueue).
  void Wake();

  // Outcomes sent but not yet written to the outbox (the database refused). For tests and health.
  size_t unrecorded() const;

 private:
  class Lane;
  class Ledger;
  friend class Lane;

  SendOutcome Deliver(Channel& channel, const OutboxMessage& m, const ProviderTimeouts& timeouts);
  int64_t Backoff(int attempts) const;
  // Writes the outcome of sending `m` at `now_ms` (or keeps it for later). Never throws.
  void Record(const OutboxMessage& m, const SendOutcome& o, int64_t now_ms);
  void ReportDepth(int64_t now_ms);
  int64_t NowMs() const { return clock_->NowMillis(); }

  Outbox* outbox_;
  std::vector<Channel*> channels_;
  OutboxSenderOptions options_;
  Metrics* metrics_;
  Logger* logger_;
  SystemClock system_clock_;
  const Clock* clock_;
  std::unique_ptr<Ledger> ledger_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::atomic<bool> running_{false};
  std::mutex depth_mu_;
  int64_t depth_checked_ms_ = 0;
};

}  // namespace netra
