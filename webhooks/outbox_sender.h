// OutboxSender: drains the outbox to Telegram and WhatsApp in the background — per-chat order,
// about 1 message/s per Telegram chat and 30/s overall, exponential backoff with jitter on
// timeouts and 5xx, Telegram's retry_after honoured on 429, permanent errors marked failed.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "bot/logger.h"
#include "bot/metrics.h"
#include "webhooks/outbox.h"
#include "webhooks/provider_client.h"

namespace netra {

struct OutboxSenderOptions {
  std::string telegram_api;
  std::string telegram_token;
  std::string whatsapp_api;
  std::string whatsapp_token;
  std::string whatsapp_phone_id;
  int64_t telegram_chat_interval_ms = 1000;  // per chat
  int telegram_per_second = 30;              // overall
  int max_attempts = 12;
  int64_t max_backoff_seconds = 600;
  size_t batch = 32;
  int64_t min_idle_pause_ms = 25;  // after a pass that sent nothing
};

// What one delivery attempt came to.
struct SendOutcome {
  enum class Kind { kDelivered, kRetry, kFailed } kind = Kind::kRetry;
  int64_t retry_after_seconds = 0;  // kRetry: at least this long (from the provider), 0: backoff
  std::string error;                // a short description for the outbox row and metrics
};

// Classifies a provider's answer. Pure, for tests.
SendOutcome ClassifyResponse(const std::string& channel, const ProviderResponse& response);

class OutboxSender {
 public:
  OutboxSender(Outbox* outbox, ProviderClient* client, OutboxSenderOptions options, Metrics* metrics, Logger* logger);
  ~OutboxSender();

  void Start();
  // Stops after the messages in flight; safe to call twice.
  void Stop();
  // Asks the sender to look at the outbox now (after an enqueue).
  void Wake();
  // One pass over due messages; returns how many were attempted. For tests and Start's loop.
  size_t DrainOnce();

 private:
  void Loop();
  SendOutcome Deliver(const OutboxMessage& m);
  int64_t Backoff(int attempts) const;

  Outbox* outbox_;
  ProviderClient* client_;
  OutboxSenderOptions options_;
  Metrics* metrics_;
  Logger* logger_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wake_ = false;
  std::atomic<bool> running_{false};
  std::map<std::string, int64_t> last_sent_ms_;  // chat_key -> when its last message went out
  std::vector<int64_t> telegram_window_ms_;      // send times within the last second
  int64_t depth_checked_ms_ = 0;
};

}  // namespace netra
