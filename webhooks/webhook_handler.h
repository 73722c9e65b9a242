// WebhookHandler: the Telegram and WhatsApp webhook routes. Verifies before parsing, turns
// provider payloads into dialog messages, and commits the update id, the dialog step and the
// replies in one transaction before answering the provider. Errors become HTTP statuses here
// and nowhere else.
#pragma once

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

class WebhookHandler {
 public:
  WebhookHandler(Services* services, Outbox* outbox, OutboxSender* sender, Metrics* metrics, Logger* logger);

  // Adds the routes of every channel whose credentials are configured.
  void Register(HttpServer* http);

  WebhookResponse Telegram(const std::string& secret_header, const std::string& body);
  WebhookResponse WhatsAppVerify(const std::string& mode, const std::string& token, const std::string& challenge);
  WebhookResponse WhatsApp(const std::string& signature_header, const std::string& body);

 private:
  // Runs one update through the dialog in a transaction with its replies.
  // Returns OK (setting *duplicate when it was seen before); the storage error otherwise.
  Status Process(const std::string& channel, const ChannelUpdate& update, bool* duplicate);
  void Count(const std::string& channel, const std::string& outcome);

  Services* services_;
  Outbox* outbox_;
  OutboxSender* sender_;
  Metrics* metrics_;
  Logger* logger_;
  FairMutex turns_;  // updates commit one at a time, in arrival order
};

}  // namespace netra
