#include "storage/sqlite_tip_store.h"

#include "storage/write_transaction.h"

#include "privacy/crypto.h"
#include "privacy/evidence_ref.h"
#include "storage/return_route.h"
#include "dialogs/ticket_code.h"

namespace netra {

SqliteTipStore::SqliteTipStore(Database* db, const SecretKey& key, TipStoreOptions options)
    : db_(db),
      handle_key_(ReturnRouteKey(key)),
      rate_key_(key.Derive("tip-rate")),
      evidence_ref_key_(EvidenceRefKey(key)),
      options_(options) {}

Status SqliteTipStore::CountUnknownCodes(const std::string& user_key, int64_t now, int add, int* misses) {
  auto lock = db_->Lock();
  try {
    int64_t hour = now / 3600;
    // Keyed like the daily tip bucket: the row names neither the person nor any code they tried.
    std::string bucket = ToHex(HmacSha256(rate_key_, user_key + "/status/" + std::to_string(hour)));
    if (add > 0) {
      auto up = db_->Prepare(
          "INSERT INTO status_miss (bucket, hour, count) VALUES (?, ?, ?) "
          "ON CONFLICT (bucket) DO UPDATE SET count = count + excluded.count");
      up->bind(1, bucket);
      up->bind(2, hour);
      up->bind(3, add);
      up->exec();
    }
    auto get = db_->Prepare("SELECT count FROM status_miss WHERE bucket = ?");
    get->bind(1, bucket);
    *misses = get->executeStep() ? get->getColumn(0).getInt() : 0;
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteTipStore::CreateTip(const TipDraft& draft, const std::string& user_key, const std::string& return_route,
                                 int64_t now, std::string* code) {
  auto lock = db_->Lock();
  try {
    WriteTransaction tx(*db_);
    int64_t day = now / 86400;
    std::string bucket = ToHex(HmacSha256(rate_key_, user_key + "/" + std::to_string(day)));
    auto rate = db_->Prepare("SELECT count FROM tip_rate WHERE bucket = ?");
    rate->bind(1, bucket);
    if (rate->executeStep() && rate->getColumn(0).getInt() >= options_.daily_limit_per_user) {
      return Status::Busy("limit: daily tips per user reached");
    }
    auto recent = db_->Prepare("SELECT COUNT(*) FROM tip WHERE created_at > ?");
    recent->bind(1, now - 3600);
    if (recent->executeStep() && recent->getColumn(0).getInt() >= options_.global_limit_per_hour) {
      return Status::Busy("limit: global tips per hour reached");
    }
    std::string new_code = NewTicketCode();
    auto tip = db_->Prepare("INSERT INTO tip (code, category, who, place, happened_on, what, status, created_at, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'baru', ?, ?)");
    tip->bind(1, new_code);
    tip->bind(2, draft.category);
    tip->bind(3, draft.who);
    tip->bind(4, draft.where);
    tip->bind(5, draft.when);
    tip->bind(6, draft.what);
    tip->bind(7, now);
    tip->bind(8, now);
    tip->exec();
    auto ev = db_->Prepare("INSERT INTO tip_evidence (tip_code, kind, provider_ref, mime, size, channel, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    auto add_evidence = [&](const std::string& kind, const std::string& ref, const std::string& mime, int64_t size) {
      ev->reset();
      ev->bind(1, new_code);
      ev->bind(2, kind);
      ev->bind(3, kind == "link" ? ref : SealEvidenceRef(evidence_ref_key_, ref));
      ev->bind(4, mime);
      ev->bind(5, size);
      ev->bind(6, draft.channel);
      ev->bind(7, kind == "link" ? "link" : "pending");
      ev->exec();
    };
    for (const auto& m : draft.evidence) add_evidence(m.kind, m.ref, m.mime_type, m.size);
    for (const auto& l : draft.links) add_evidence("link", l, "", 0);
    if (!return_route.empty()) {
      auto h = db_->Prepare("INSERT INTO tip_handle (tip_code, sealed, expires_at) VALUES (?, ?, ?)");
      h->bind(1, new_code);
      std::string sealed = Seal(handle_key_, return_route);
      h->bind(2, sealed.data(), static_cast<int>(sealed.size()));
      h->bind(3, now + int64_t{options_.retention_days} * 86400);
      h->exec();
    }
    auto bump = db_->Prepare("INSERT INTO tip_rate (bucket, day, count) VALUES (?, ?, 1) "
                           "ON CONFLICT(bucket) DO UPDATE SET count = count + 1");
    bump->bind(1, bucket);
    bump->bind(2, day);
    bump->exec();
    db_->sql().exec("DELETE FROM tip_rate WHERE day < " + std::to_string(day - 1));
    tx.Commit();
    *code = new_code;
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteTipStore::GetStatus(const std::string& code, TipStatusView* view) {
  auto lock = db_->Lock();
  try {
    auto st = db_->Prepare("SELECT status, updated_at FROM tip WHERE code = ?");
    st->bind(1, code);
    if (!st->executeStep()) return Status::NotFound("no tip " + code);
    TipStatusView v;
    v.code = code;
    v.status = st->getColumn(0).getString();
    v.updated_at = st->getColumn(1).getInt64();
    auto msgs = db_->Prepare("SELECT direction, body FROM tip_message WHERE tip_code = ? AND direction IN "
                           "('to_tipster', 'from_tipster') ORDER BY id");
    msgs->bind(1, code);
    while (msgs->executeStep()) {
      std::string direction = msgs->getColumn(0).getString();
      if (direction == "to_tipster") {
        v.messages_to_tipster.push_back(msgs->getColumn(1).getString());
        v.awaiting_answer = true;
      } else {
        v.awaiting_answer = false;
      }
    }
    *view = std::move(v);
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteTipStore::AddTipsterMessage(const std::string& code, const std::string& text, int64_t now) {
  auto lock = db_->Lock();
  try {
    WriteTransaction tx(*db_);
    auto upd = db_->Prepare("UPDATE tip SET updated_at = ? WHERE code = ?");
    upd->bind(1, now);
    upd->bind(2, code);
    if (upd->exec() == 0) return Status::NotFound("no tip " + code);
    auto ins = db_->Prepare("INSERT INTO tip_message (tip_code, direction, body, created_at) VALUES (?, 'from_tipster', ?, ?)");
    ins->bind(1, code);
    ins->bind(2, text);
    ins->bind(3, now);
    ins->exec();
    tx.Commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

Status SqliteTipStore::OpenReturnRoute(const std::string& code, std::string* route) {
  auto lock = db_->Lock();
  try {
    return ReadReturnRoute(*db_, handle_key_, code, route);
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
