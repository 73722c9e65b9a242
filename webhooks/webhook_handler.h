// WebhookHandler: the Telegram and WhatsApp webhook routes. Verifies before parsing, turns
// provider payloads into dialog messages, and commits the update id, the dialog step and the
// replies in one transaction before answering the provider. Errors become HTTP statuses here
// and nowhere else.
#pragma once

#include <chrono>
#include <string>

#include "bot/fair_mutex.h"
#include "bot/http_server.h"
#include "bot/services.h"
#include "webhooks/channel_update.h"
#include "webhooks/outbox.h"
#include "webhooks/outbox_sender.h"

namespace netra {

struct WebhookResponse {
  int status = 200;
  std::string body;
};

struct WebhookHandlerOptions {
  // An update whose dialog work takes longer is rolled back and counted as a failed attempt.
  std::chrono::milliseconds update_budget{3000};
  // After this many failed attempts (exceptions, time budget, a crash mid-update), the next
  // delivery of the update is quarantined: acknowledged, not processed, the user told politely.
  int quarantine_after = 2;
};

class WebhookHandler {
 public:
  // `sender` is woken after each committed update; it may be null (tests drain the outbox).
  WebhookHandler(Services* services, Outbox* outbox, OutboxSender* sender, Metrics* metrics, Logger* logger,
                 WebhookHandlerOptions options = {});

  // Adds the routes of every channel whose credentials are configured.
  void Register(HttpServer* http);

  WebhookResponse Telegram(const std::string& secret_header, const std::string& body);
  WebhookResponse WhatsAppVerify(const std::string& mode, const std::string& token, const std::string& challenge);
  WebhookResponse WhatsApp(const std::string& signature_header, const std::string& body);

 private:
  enum class Outcome { kProcessed, kDuplicate, kQuarantined };

  // Runs one update through the dialog in a transaction with its replies, unless it was seen
  // before or has failed too often. Returns OK and sets *outcome; a storage error (Busy, IoError:
  // the provider should retry) or Internal (a fault in Netra, counted towards quarantine).
  Status Process(const std::string& channel, const ChannelUpdate& update, Outcome* outcome);
  // The dialog step and its replies in one transaction, within the time budget.
  Status Run(const std::string& channel, const ChannelUpdate& update, const std::string& key, int64_t now);
  // Acknowledges a poison update without running it: a quarantine row, the user told.
  Status Quarantine(const std::string& channel, const ChannelUpdate& update, const std::string& key, int attempts,
                    int64_t now);
  // Queues Telegram's acknowledgement of a pressed button (stops its spinner); nothing otherwise.
  // Call inside the update's transaction; throws SQLite::Exception.
  void AcknowledgeButton(const std::string& channel, const ChannelUpdate& update, int64_t now);
  // The HTTP answer for one update's outcome, with its metrics.
  WebhookResponse Finish(const std::string& channel, const ChannelUpdate& update, const Status& s, Outcome outcome);
  void Count(const std::string& channel, const std::string& outcome);

  Services* services_;
  Outbox* outbox_;
  OutboxSender* sender_;
  Metrics* metrics_;
  Logger* logger_;
  WebhookHandlerOptions options_;
  FairMutex turns_;  // updates commit one at a time, in arrival order
};

}  // namespace netra
