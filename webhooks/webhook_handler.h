// WebhookHandler: the webhook routes of the enabled channels. Verifies (through the channel)
// before parsing, turns provider payloads into dialog messages, and commits the update id, the dialog step and the
// replies in one transaction before answering the provider. Errors become HTTP statuses here
// and nowhere else.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/fair_mutex.h"
#include "base/clock.h"
#include "base/logger.h"
#include "base/metrics.h"
#include "dialogs/engine.h"
#include "privacy/secret_key.h"
#include "storage/database.h"
#include "webhooks/channel/channel.h"
#include "webhooks/channel/channel_update.h"
#include "webhooks/delivery/outbox.h"
#include "webhooks/delivery/outbox_sender.h"

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

// What the handler works with, all owned elsewhere and outliving it.
struct WebhookHandlerDeps {
  Database* db = nullptr;
  const SecretKey* key = nullptr;
  const Clock* clock = nullptr;
  DialogEngine* engine = nullptr;
  Outbox* outbox = nullptr;
  OutboxSender* sender = nullptr;  // woken after each committed update; null in tests that drain the outbox
  Metrics* metrics = nullptr;
  Logger* logger = nullptr;
  // The reviewer role of (channel, user id), kNone for everyone else. Returns OK and sets *role;
  // the storage error otherwise (desk commands are then answered "try again").
  std::function<Status(const std::string& channel, const std::string& user_id, Role* role)> role_of;
  // The enabled channels: their webhooks are served, and replies go only to them.
  std::vector<Channel*> channels;
  // Sent to the user of a quarantined update; empty sends nothing.
  std::string update_failed_text;
};

class WebhookHandler {
 public:
  WebhookHandler(WebhookHandlerDeps deps, WebhookHandlerOptions options);

  // A POST to `channel`'s route: verified, parsed, and every update in it run (200); 401 when
  // forged, 400 when malformed, 404 for a channel that is not enabled, 503/500 when the provider
  // should deliver it again.
  WebhookResponse Post(const std::string& channel, const WebhookRequest& request);
  // A GET to `channel`'s route: the provider's subscription handshake (200 with its answer, or 403).
  WebhookResponse Subscribe(const std::string& channel, const WebhookRequest& request);

  const std::vector<Channel*>& channels() const { return deps_.channels; }

 private:
  enum class Outcome { kProcessed, kDuplicate, kQuarantined };

  // Runs one update through the dialog in a transaction with its replies, unless it was seen
  // before or has failed too often. Returns OK and sets *outcome; a storage error (Busy, IoError:
  // the provider should retry) or Internal (a fault in Netra, counted towards quarantine).
  Status Process(const Channel& channel, const ChannelUpdate& update, Outcome* outcome);
  // The dialog step and its replies in one transaction, within the time budget.
  Status Run(const Channel& channel, const ChannelUpdate& update, const std::string& key, int64_t now);
  // Acknowledges a poison update without running it: a quarantine row, the user told.
  Status Quarantine(const Channel& channel, const ChannelUpdate& update, const std::string& key, int attempts,
                    int64_t now);
  // Queues the channel's acknowledgement of a pressed button (Telegram: stops its spinner).
  // Call inside the update's transaction; throws SQLite::Exception.
  void AcknowledgeButton(const Channel& channel, const ChannelUpdate& update, int64_t now);
  // The HTTP answer for one update's outcome, with its metrics.
  WebhookResponse Finish(const std::string& channel, const ChannelUpdate& update, const Status& s, Outcome outcome);
  void Count(const std::string& channel, const std::string& outcome);

  WebhookHandlerDeps deps_;
  WebhookHandlerOptions options_;
  FairMutex turns_;  // updates commit one at a time, in arrival order
};

}  // namespace netra
