#include "webhooks/webhook_handler.h"

#include "storage/write_transaction.h"

#include <functional>
#include <typeinfo>

#include "privacy/pseudonym.h"

namespace netra {
namespace {

WebhookResponse Json(int status, const std::string& message) {
  return {status, nlohmann::json{{status < 400 ? "result" : "error", message}}.dump()};
}

// Parses a provider's body and hands it to `parse`. Returns false when the body is not JSON, when
// the parser refuses it, or when anything in between throws: all of these are the sender's fault.
bool ParseProviderJson(const std::string& body, const std::function<Status(const nlohmann::json&)>& parse) {
  try {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    return !j.is_discarded() && parse(j).ok();
  } catch (const std::exception&) {
    return false;
  }
}

// A fixed set of labels for delivery statuses, so a forged status cannot add metric series.
std::string StatusLabel(const std::string& status) {
  for (const char* known : {"sent", "delivered", "read", "failed", "deleted"}) {
    if (status == known) return status;
  }
  return "other";
}

const char* MessageKindName(MessageKind kind) {
  switch (kind) {
    case MessageKind::kText: return "text";
    case MessageKind::kButton: return "button";
    case MessageKind::kMedia: return "media";
    case MessageKind::kLocation: return "location";
    case MessageKind::kUnsupported: return "unsupported";
  }
  return "unknown";
}

// Records update `key` as handled (kept to the day: enough to expire it, too coarse to join on)
// and forgets its failed attempts. Call inside the update's transaction; throws SQLite::Exception.
void MarkProcessed(Database& db, const std::string& channel, const std::string& key, int64_t now) {
  auto done = db.Prepare("INSERT INTO processed_update (channel, update_key, processed_at) VALUES (?, ?, ?)");
  done->bind(1, channel);
  done->bind(2, key);
  done->bind(3, now - now % 86400);
  done->exec();
  auto forget = db.Prepare("DELETE FROM update_attempt WHERE channel = ? AND update_key = ?");
  forget->bind(1, channel);
  forget->bind(2, key);
  forget->exec();
}

// Counts one more failed attempt of an update (`delta` +1, with `reason`), takes one back (-1: the
// failure was not the update's fault), or only records the reason (0). Returns OK, or the storage
// error.
Status RecordAttempt(Database& db, const std::string& channel, const std::string& key, int delta,
                     const std::string& reason) {
  const char* sql =
      delta > 0 ? "INSERT INTO update_attempt (channel, update_key, attempts, reason) VALUES (?1, ?2, 1, ?3) "
                  "ON CONFLICT (channel, update_key) DO UPDATE SET attempts = attempts + 1, reason = ?3"
      : delta < 0 ? "UPDATE update_attempt SET attempts = attempts - 1 WHERE channel = ?1 AND update_key = ?2"
                  : "UPDATE update_attempt SET reason = ?3 WHERE channel = ?1 AND update_key = ?2";
  try {
    auto st = db.Prepare(sql);
    st->bind(1, channel);
    st->bind(2, key);
    if (delta >= 0) st->bind(3, reason);
    st->exec();
    if (delta < 0) {
      auto drop = db.Prepare("DELETE FROM update_attempt WHERE channel = ? AND update_key = ? AND attempts <= 0");
      drop->bind(1, channel);
      drop->bind(2, key);
      drop->exec();
    }
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace

WebhookHandler::WebhookHandler(WebhookHandlerDeps deps, WebhookHandlerOptions options)
    : deps_(std::move(deps)), options_(std::move(options)) {
  deps_.metrics->Describe("netra_updates_total", "counter", "Inbound updates by channel and outcome.");
  deps_.metrics->Describe("netra_updates_quarantined_total", "counter",
                          "Updates that failed repeatedly and were acknowledged without processing, by channel.");
}

void WebhookHandler::Count(const std::string& channel, const std::string& outcome) {
  deps_.metrics->Increment("netra_updates_total", {{"channel", channel}, {"outcome", outcome}});
}

WebhookResponse WebhookHandler::Subscribe(const std::string& name, const WebhookRequest& request) {
  Channel* channel = FindChannel(deps_.channels, name);
  if (channel == nullptr) return Json(404, "no such channel");
  std::string answer;
  if (!channel->VerifySubscription(request, &answer)) {
    Count(name, "verify_refused");
    return Json(403, "verification refused");
  }
  return {200, answer};
}

WebhookResponse WebhookHandler::Post(const std::string& name, const WebhookRequest& request) {
  Channel* channel = FindChannel(deps_.channels, name);
  if (channel == nullptr) return Json(404, "no such channel");
  if (!channel->Verify(request)) {
    Count(name, "forged");
    return Json(401, "forged request");
  }
  std::vector<ChannelUpdate> updates;
  if (!ParseProviderJson(request.body, [&](const nlohmann::json& j) { return channel->Parse(j, &updates); })) {
    Count(name, "malformed");
    return Json(400, "malformed update");
  }
  for (const auto& u : updates) {
    if (u.kind == ChannelUpdate::Kind::kStatus) {
      Count(name, "status_" + StatusLabel(u.status));
      continue;
    }
    Outcome outcome = Outcome::kProcessed;
    Status s = Process(*channel, u, &outcome);
    WebhookResponse response = Finish(name, u, s, outcome);
    if (!s.ok()) return response;  // the provider re-delivers; the updates done so far are duplicates then
  }
  if (deps_.sender != nullptr) deps_.sender->Wake();
  return Json(200, "ok");
}

WebhookResponse WebhookHandler::Finish(const std::string& channel, const ChannelUpdate& u, const Status& s,
                                       Outcome outcome) {
  if (!s.ok()) {
    Count(channel, "error");
    deps_.logger->Error("update_failed", {{"channel", channel}, {"error", s.message()}});
    return Json(s.code() == Status::Code::kBusy ? 503 : 500, "try again");
  }
  Count(channel, outcome == Outcome::kDuplicate     ? "duplicate"
                 : outcome == Outcome::kQuarantined ? "quarantined"
                 : u.kind == ChannelUpdate::Kind::kIgnored ? "ignored"
                                                           : "processed");
  return Json(200, "ok");
}

Status WebhookHandler::Process(const Channel& c, const ChannelUpdate& u, Outcome* outcome) {
  const std::string& channel = c.name();
  Database& db = *deps_.db;
  const std::string key = UpdateKeyDigest(*deps_.key, channel, u.update_key);
  std::lock_guard<FairMutex> turn(turns_);
  auto lock = db.Lock();
  int64_t now = deps_.clock->NowSeconds();
  int attempts = 0;
  try {
    auto seen = db.Prepare("SELECT 1 FROM processed_update WHERE channel = ? AND update_key = ?");
    seen->bind(1, channel);
    seen->bind(2, key);
    if (seen->executeStep()) {
      *outcome = Outcome::kDuplicate;
      return Status::Ok();
    }
    auto tried = db.Prepare("SELECT attempts FROM update_attempt WHERE channel = ? AND update_key = ?");
    tried->bind(1, channel);
    tried->bind(2, key);
    if (tried->executeStep()) attempts = tried->getColumn(0).getInt();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
  if (attempts >= options_.quarantine_after) {
    *outcome = Outcome::kQuarantined;
    return Quarantine(c, u, key, attempts, now);
  }
  // The attempt is on disk before the dialog runs, so a hang or a crash counts as well.
  Status s = RecordAttempt(db, channel, key, +1, "started");
  if (!s.ok()) return s;
  s = Run(c, u, key, now);
  if (s.ok()) {
    *outcome = Outcome::kProcessed;
    return s;
  }
  // A storage failure (busy, disk full) is no fault of the update: it does not count.
  bool fault = s.code() == Status::Code::kInternal;
  // Best effort: if even this fails, the next delivery counts from what is on disk.
  Status recorded = RecordAttempt(db, channel, key, fault ? 0 : -1, s.message());
  if (!recorded.ok()) deps_.logger->Warn("update_attempt_not_recorded", {{"channel", channel}, {"error", recorded.message()}});
  return s;
}

Status WebhookHandler::Run(const Channel& c, const ChannelUpdate& u, const std::string& key, int64_t now) {
  const std::string& channel = c.name();
  Database& db = *deps_.db;
  auto started = std::chrono::steady_clock::now();
  try {
    WriteTransaction tx(db);
    MarkProcessed(db, channel, key, now);
    if (u.kind == ChannelUpdate::Kind::kMessage) {
      InboundMessage m = u.message;
      m.channel = channel;
      m.user_key = Pseudonym(*deps_.key, channel, u.user_id);
      m.reply_address = {channel, u.address};
      Role role = Role::kNone;
      m.role_unknown = deps_.role_of && !deps_.role_of(channel, u.user_id, &role).ok();
      m.reviewer = !m.role_unknown && role != Role::kNone;
      if (m.reviewer) m.staff_id = {channel, u.user_id};
      std::vector<Reply> replies;
      Status s = deps_.engine->Handle(m, &replies);
      if (!s.ok()) return s;
      AcknowledgeButton(c, u, now);
      for (const auto& r : replies) {
        // A reply to someone else (a tipster's sealed route, a reviewer) goes to that channel,
        // when it is enabled here.
        if (r.to.channel.empty()) {
          deps_.outbox->EnqueueReply(channel, u.address, r, now);
        } else if (!r.to.id.empty() && FindChannel(deps_.channels, r.to.channel) != nullptr) {
          deps_.outbox->EnqueueReply(r.to.channel, r.to.id, r, now);
        }
      }
    }
    if (std::chrono::steady_clock::now() - started > options_.update_budget) {
      return Status::Internal("time budget exceeded");  // rolled back with the transaction
    }
    tx.Commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  } catch (const std::exception& e) {
    // Never the exception's text: a JSON error may quote the user's bytes.
    return Status::Internal(std::string("exception ") + typeid(e).name());
  }
}

Status WebhookHandler::Quarantine(const Channel& c, const ChannelUpdate& u, const std::string& key,
                                  int attempts, int64_t now) {
  const std::string& channel = c.name();
  Database& db = *deps_.db;
  try {
    WriteTransaction tx(db);
    std::string reason = "unknown";
    auto why = db.Prepare("SELECT reason FROM update_attempt WHERE channel = ? AND update_key = ?");
    why->bind(1, channel);
    why->bind(2, key);
    if (why->executeStep()) reason = why->getColumn(0).getString();
    MarkProcessed(db, channel, key, now);
    auto keep = db.Prepare(
        "INSERT INTO quarantined_update (channel, update_key, kind, reason, attempts, quarantined_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    keep->bind(1, channel);
    keep->bind(2, key);
    keep->bind(3, u.kind == ChannelUpdate::Kind::kMessage ? MessageKindName(u.message.kind) : "ignored");
    keep->bind(4, reason);
    keep->bind(5, attempts);
    keep->bind(6, now - now % 3600);
    keep->exec();
    if (u.kind == ChannelUpdate::Kind::kMessage && !u.address.empty()) {
      if (!deps_.update_failed_text.empty()) {
        AcknowledgeButton(c, u, now);
        deps_.outbox->EnqueueReply(channel, u.address, Reply{deps_.update_failed_text, {}, {}, {}}, now);
      }
    }
    tx.Commit();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("exception ") + typeid(e).name());
  }
  deps_.metrics->Increment("netra_updates_quarantined_total", {{"channel", channel}});
  deps_.logger->Error("update_quarantined", {{"channel", channel}, {"attempts", attempts}});
  return Status::Ok();
}

void WebhookHandler::AcknowledgeButton(const Channel& c, const ChannelUpdate& u, int64_t now) {
  if (u.callback_query_id.empty()) return;
  std::optional<OutboundCall> ack = c.AcknowledgeButton(u.callback_query_id);
  if (ack) deps_.outbox->Enqueue(c.name(), u.address, ack->method, ack->payload, now);
}

}  // namespace netra
