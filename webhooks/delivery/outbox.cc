#include "webhooks/delivery/outbox.h"

#include "privacy/crypto.h"

namespace netra {

Outbox::Outbox(Database* db, const SecretKey& key, std::vector<Channel*> channels)
    : db_(db), channels_(std::move(channels)), seal_key_(key.Derive("outbox-destination")), chat_key_(key.Derive("outbox-chat")) {}

void Outbox::Enqueue(const std::string& channel, const std::string& destination, const std::string& method,
                     const nlohmann::json& payload, int64_t now) {
  auto lock = db_->Lock();
  auto st = db_->Prepare("INSERT INTO outbox (channel, chat_key, destination, method, payload, next_attempt_ms, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  st->bind(1, channel);
  st->bind(2, ToHex(HmacSha256(chat_key_, channel + ":" + destination)).substr(0, 32));
  std::string sealed = Seal(seal_key_, destination);
  st->bind(3, sealed.data(), static_cast<int>(sealed.size()));
  st->bind(4, method);
  st->bind(5, payload.dump());
  st->bind(6, now * 1000);
  st->bind(7, now);
  st->exec();
}

bool Outbox::EnqueueReply(const std::string& channel, const std::string& address, const Reply& reply,
                          int64_t now) {
  Channel* c = FindChannel(channels_, channel);
  if (c == nullptr) return false;
  for (const OutboundCall& call : c->Render(reply)) Enqueue(channel, address, call.method, call.payload, now);
  return true;
}

Status Outbox::Due(const std::string& channel, int64_t now_ms, size_t limit, std::vector<OutboxMessage>* out,
                   size_t* undeliverable) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("SELECT o.id, o.channel, o.chat_key, o.destination, o.method, o.payload, o.attempts, "
                         "o.created_at FROM outbox o WHERE o.status = 'pending' AND o.channel = ? AND o.next_attempt_ms <= ? AND "
                         "o.id = (SELECT MIN(id) FROM outbox WHERE chat_key = o.chat_key AND status = 'pending') "
                         "ORDER BY o.id LIMIT ?");
    st->bind(1, channel);
    st->bind(2, now_ms);
    st->bind(3, static_cast<int64_t>(limit));
    out->clear();
    std::vector<int64_t> sealed_elsewhere;
    while (st->executeStep()) {
      OutboxMessage m;
      m.id = st->getColumn(0).getInt64();
      m.channel = st->getColumn(1).getString();
      m.chat_key = st->getColumn(2).getString();
      SQLite::Column c = st->getColumn(3);
      std::string sealed(static_cast<const char*>(c.getBlob()), static_cast<size_t>(c.getBytes()));
      if (!Open(seal_key_, sealed, &m.destination)) {  // sealed under another key: never deliverable
        sealed_elsewhere.push_back(m.id);
        continue;
      }
      m.method = st->getColumn(4).getString();
      m.payload = nlohmann::json::parse(st->getColumn(5).getString(), nullptr, false);
      m.attempts = st->getColumn(6).getInt();
      m.created_at = st->getColumn(7).getInt64();
      out->push_back(std::move(m));
    }
    st->reset();
    if (!sealed_elsewhere.empty()) {
      auto fail = db_->Prepare("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'pending'");
      for (int64_t id : sealed_elsewhere) {
        fail->bind(1, "destination does not open under the current key");
        fail->bind(2, id);
        fail->exec();
        fail->reset();
      }
    }
    if (undeliverable != nullptr) *undeliverable = sealed_elsewhere.size();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status Outbox::Delivered(int64_t id) {
  auto lock = db_->Lock();
  try {
    db_->sql().exec("DELETE FROM outbox WHERE id = " + std::to_string(id));
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status Outbox::Retry(int64_t id, int64_t next_attempt_ms, const std::string& error) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ? WHERE id = ?");
    st->bind(1, next_attempt_ms);
    st->bind(2, error);
    st->bind(3, id);
    st->exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status Outbox::Failed(int64_t id, const std::string& error) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");
    st->bind(1, error);
    st->bind(2, id);
    st->exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status Outbox::Depth(int64_t now, int64_t* pending, int64_t* oldest_age) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending'");
    st->executeStep();
    *pending = st->getColumn(0).getInt64();
    *oldest_age = st->getColumn(1).isNull() ? 0 : now - st->getColumn(1).getInt64();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
