#include "storage/sqlite_tip_store.h"

#include "dialogs/ticket_code.h"
#include "privacy/crypto.h"
#include "privacy/evidence_ref.h"
#include "storage/return_route.h"
#include "storage/write_transaction.h"

namespace netra {

SqliteTipStore::SqliteTipStore(Database* db, const SecretKey& key, TipStoreOptions options)
    : db_(db),
      handle_key_(ReturnRouteKey(key)),
      rate_key_(key.Derive("tip-rate")),
      evidence_ref_key_(EvidenceRefKey(key)),
      options_(options) {}

Status SqliteTipStore::CountUnknownCodes(const std::string& user_key, int64_t now, int add, int* misses) {
  int64_t hour = now / 3600;
  // Keyed like the daily tip bucket: the row names neither the person nor any code they tried.
  std::string bucket = ToHex(HmacSha256(rate_key_, user_key + "/status/" + std::to_string(hour)));
  return db_->Run([&] {
    if (add > 0) {
      db_->Prepare("INSERT INTO status_miss (bucket, hour, count) VALUES (?, ?, ?) "
                   "ON CONFLICT (bucket) DO UPDATE SET count = count + excluded.count",
                   bucket, hour, add)
          ->exec();
    }
    auto get = db_->Prepare("SELECT count FROM status_miss WHERE bucket = ?", bucket);
    *misses = get->executeStep() ? get->getColumn(0).getInt() : 0;
  });
}

Status SqliteTipStore::CreateTip(const TipDraft& draft, const std::string& user_key, const std::string& return_route,
                                 int64_t now, std::string* code) {
  int64_t day = now / 86400;
  std::string bucket = ToHex(HmacSha256(rate_key_, user_key + "/" + std::to_string(day)));
  return RunWrite(*db_, [&] {
    auto rate = db_->Prepare("SELECT count FROM tip_rate WHERE bucket = ?", bucket);
    if (rate->executeStep() && rate->getColumn(0).getInt() >= options_.daily_limit_per_user) {
      return Status::ResourceExhausted("daily tips per user reached");
    }
    auto recent = db_->Prepare("SELECT COUNT(*) FROM tip WHERE created_at > ?", now - 3600);
    if (recent->executeStep() && recent->getColumn(0).getInt() >= options_.global_limit_per_hour) {
      return Status::Unavailable("global tips per hour reached");
    }
    std::string new_code = NewTicketCode();
    db_->Prepare("INSERT INTO tip (code, category, who, place, happened_on, what, status, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 new_code, draft.category, draft.who, draft.where, draft.when, draft.what, ToString(TipStatus::kNew),
                 now, now)
        ->exec();
    auto add_evidence = [&](const std::string& kind, const std::string& ref, const std::string& mime, int64_t size) {
      bool link = kind == "link";  // a link is kept as written; a provider file id is sealed
      db_->Prepare("INSERT INTO tip_evidence (tip_code, kind, provider_ref, mime, size, channel, status) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   new_code, kind, link ? ref : SealEvidenceRef(evidence_ref_key_, ref), mime, size, draft.channel,
                   ToString(link ? EvidenceStatus::kLink : EvidenceStatus::kPending))
          ->exec();
    };
    for (const auto& m : draft.evidence) add_evidence(m.kind, m.ref, m.mime_type, m.size);
    for (const auto& l : draft.links) add_evidence("link", l, "", 0);
    if (!return_route.empty()) {
      std::string sealed = Seal(handle_key_, return_route);
      auto h = db_->Prepare("INSERT INTO tip_handle (tip_code, expires_at, sealed) VALUES (?, ?, ?)", new_code,
                            now + int64_t{options_.retention_days} * 86400);
      h->bind(3, sealed.data(), static_cast<int>(sealed.size()));  // a blob, not text
      h->exec();
    }
    db_->Prepare("INSERT INTO tip_rate (bucket, day, count) VALUES (?, ?, 1) "
                 "ON CONFLICT(bucket) DO UPDATE SET count = count + 1",
                 bucket, day)
        ->exec();
    db_->Prepare("DELETE FROM tip_rate WHERE day < ?", day - 1)->exec();
    *code = new_code;
    return Status::Ok();
  });
}

Status SqliteTipStore::GetStatus(const std::string& code, TipStatusView* view) {
  return db_->Run([&] {
    auto st = db_->Prepare("SELECT status, updated_at FROM tip WHERE code = ?", code);
    if (!st->executeStep()) return Status::NotFound("no tip " + code);
    TipStatusView v;
    v.code = code;
    if (!Parse(st->getColumn(0).getString(), &v.status)) {
      return Status::Corruption("tip " + code + " has an unknown status");
    }
    v.updated_at = st->getColumn(1).getInt64();
    auto msgs = db_->Prepare("SELECT direction, body FROM tip_message WHERE tip_code = ? AND direction IN (?, ?) "
                             "ORDER BY id",
                             code, ToString(MessageDirection::kToTipster), ToString(MessageDirection::kFromTipster));
    while (msgs->executeStep()) {
      MessageDirection direction{};
      if (!Parse(msgs->getColumn(0).getString(), &direction)) continue;  // the query asks for two words only
      if (direction == MessageDirection::kToTipster) {
        v.messages_to_tipster.push_back(msgs->getColumn(1).getString());
        v.awaiting_answer = true;
      } else {
        v.awaiting_answer = false;
      }
    }
    *view = std::move(v);
    return Status::Ok();
  });
}

Status SqliteTipStore::AddTipsterMessage(const std::string& code, const std::string& text, int64_t now) {
  return RunWrite(*db_, [&] {
    if (db_->Prepare("UPDATE tip SET updated_at = ? WHERE code = ?", now, code)->exec() == 0) {
      return Status::NotFound("no tip " + code);
    }
    db_->Prepare("INSERT INTO tip_message (tip_code, direction, body, created_at) VALUES (?, ?, ?, ?)", code,
                 ToString(MessageDirection::kFromTipster), text, now)
        ->exec();
    return Status::Ok();
  });
}

Status SqliteTipStore::OpenReturnRoute(const std::string& code, std::string* route) {
  return db_->Run([&] { return ReadReturnRoute(*db_, handle_key_, code, route); });
}

}  // namespace netra
