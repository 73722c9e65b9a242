// OutboxSender: drains the outbox to Telegram and WhatsApp in the background — per-chat order,
// about 1 message/s per Telegram chat and 30/s overall, exponential backoff with jitter on
// timeouts and 5xx, Telegram's retry_after honoured on 429, permanent errors marked failed.
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
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/logger.h"
#include "base/metrics.h"
#include "webhooks/delivery/outbox.h"
#include "webhooks/channel/provider_client.h"

namespace netra {

// One channel's lane: how many sends may be in flight at once and how long each may take.
struct SenderLaneOptions {
  int workers = 8;
  ProviderTimeouts timeouts;
};

struct OutboxSenderOptions {
  std::string telegram_api;
  std::string telegram_token;
  std::string whatsapp_api;
  std::string whatsapp_token;
  std::string whatsapp_phone_id;
  SenderLaneOptions telegram_lane;
  SenderLaneOptions whatsapp_lane;
  int64_t telegram_chat_interval_ms = 1000;  // per chat
  int telegram_per_second = 30;              // overall
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

// What one delivery attempt came to.
struct SendOutcome {
  enum class Kind { kDelivered, kRetry, kFailed } kind = Kind::kRetry;
  int64_t retry_after_seconds = 0;  // kRetry: at least this long (from the provider), 0: backoff
  bool unknown_reply = false;       // kRetry: an answer of a shape we do not know; retried fewer times
  std::string error;                // a short description for the outbox row and metrics
};

// Classifies a provider's answer to a send (Telegram Bot API method, WhatsApp /messages).
// Never throws; retry_after_seconds is already clamped to [1, max_retry_after_seconds] when set.
SendOutcome ClassifyResponse(const std::string& channel, const ProviderResponse& response,
                             int64_t max_retry_after_seconds = 3600);

// Classifies WhatsApp's answer to a media upload. Returns kDelivered and sets *media_id when the
// upload gave an id; otherwise what to do with the message. Never throws.
SendOutcome ClassifyWhatsAppUpload(const ProviderResponse& response, std::string* media_id,
                                   int64_t max_retry_after_seconds = 3600);

class OutboxSender {
 public:
  OutboxSender(Outbox* outbox, ProviderClient* client, OutboxSenderOptions options, Metrics* metrics, Logger* logger);
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

  SendOutcome Deliver(const OutboxMessage& m, const ProviderTimeouts& timeouts);
  SendOutcome DeliverFile(const OutboxMessage& m, const ProviderTimeouts& timeouts);
  int64_t Backoff(int attempts) const;
  // Writes the outcome of sending `m` at `now_ms` (or keeps it for later). Never throws.
  void Record(const OutboxMessage& m, const SendOutcome& o, int64_t now_ms);
  void ReportDepth(int64_t now_ms);
  int64_t NowMs() const { return clock_->NowMillis(); }

  Outbox* outbox_;
  ProviderClient* client_;
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
