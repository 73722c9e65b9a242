// Outbox: replies waiting for delivery, in SQLite. Enqueued in the same transaction as the dialog
// step that made them; drained by the OutboxSender; a delivered message is deleted.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dialogs/message.h"
#include "privacy/secret_key.h"
#include "storage/database.h"
#include "webhooks/channel/channel.h"

namespace netra {

struct OutboxMessage {
  int64_t id = 0;
  std::string channel;      // telegram, whatsapp
  std::string chat_key;     // keyed hash of the destination: per-chat order without the address
  std::string destination;  // opened: chat id or phone number (only in memory)
  std::string method;       // sendMessage, answerCallbackQuery, messages
  nlohmann::json payload;   // without the destination
  int attempts = 0;
  int64_t created_at = 0;
};

class Outbox {
 public:
  // `channels` (owned elsewhere, outliving the outbox) render the replies of EnqueueReply.
  Outbox(Database* db, const SecretKey& key, std::vector<Channel*> channels = {});

  // Adds a message, due at once (`now` in seconds). Call inside the caller's transaction.
  // Throws SQLite::Exception on failure.
  void Enqueue(const std::string& channel, const std::string& destination, const std::string& method,
               const nlohmann::json& payload, int64_t now);

  // Renders a reply with the channel named `channel` (text parts, buttons, then evidence files to
  // upload from disk) and enqueues it for `address`. Call inside the caller's transaction.
  // Returns true when queued; false when the outbox has no such channel (nothing is queued).
  // Throws SQLite::Exception on failure.
  bool EnqueueReply(const std::string& channel, const std::string& address, const Reply& reply, int64_t now);

  // The oldest due message of each chat of `channel` (due at `now_ms`, milliseconds since the
  // epoch), at most `limit`, oldest first. A row whose destination no longer opens (sealed under
  // another key) can never be delivered: it is marked failed, out of its chat's way, and counted
  // in *undeliverable when given. Returns OK and fills *out on success; the storage error otherwise.
  Status Due(const std::string& channel, int64_t now_ms, size_t limit, std::vector<OutboxMessage>* out,
             size_t* undeliverable = nullptr);

  // Delivered: deletes the message. Returns OK on success; the storage error otherwise.
  Status Delivered(int64_t id);
  // To be tried again at `next_attempt_ms`. Returns OK on success; the storage error otherwise.
  Status Retry(int64_t id, int64_t next_attempt_ms, const std::string& error);
  // Given up (permanent error): kept as failed for operators, out of every chat's way.
  Status Failed(int64_t id, const std::string& error);

  // Pending messages and the age in seconds of the oldest. Returns OK on success.
  Status Depth(int64_t now, int64_t* pending, int64_t* oldest_age);

 private:
  Database* db_;
  std::vector<Channel*> channels_;
  std::string seal_key_;
  std::string chat_key_;
};

}  // namespace netra
