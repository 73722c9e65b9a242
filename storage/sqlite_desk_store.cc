#include "storage/sqlite_desk_store.h"

#include "storage/write_transaction.h"

#include <ctime>
#include <map>

#include "storage/audit_chain.h"
#include "storage/return_route.h"

namespace netra {
namespace {

constexpr int64_t kClaimWithin = 24 * 3600;
constexpr int64_t kUpdateWithin = 3 * 24 * 3600;
const char kSummaryColumns[] =
    "SELECT code, category, place, status, COALESCE(claimed_by, ''), COALESCE(forwarded_to, ''), created_at, "
    "updated_at FROM tip ";

bool IsOpen(TipStatus status) { return status != TipStatus::kDone && status != TipStatus::kRejected; }

TipSummary ReadSummary(SQLite::Statement& st, int64_t now) {
  TipSummary t;
  t.code = st.getColumn(0).getString();
  t.category = st.getColumn(1).getString();
  t.place = st.getColumn(2).getString();
  if (!Parse(st.getColumn(3).getString(), &t.status)) throw SQLite::Exception("unknown tip status", SQLITE_CORRUPT);
  t.claimed_by = st.getColumn(4).getString();
  t.forwarded_to = st.getColumn(5).getString();
  t.created_at = st.getColumn(6).getInt64();
  t.updated_at = st.getColumn(7).getInt64();
  t.overdue = IsOpen(t.status) && ((t.claimed_by.empty() && now - t.created_at > kClaimWithin) ||
                                   now - t.updated_at > kUpdateWithin);
  return t;
}

}  // namespace

SqliteDeskStore::SqliteDeskStore(Database* db, const SecretKey& key)
    : db_(db), handle_key_(ReturnRouteKey(key)), audit_key_(key.Derive("audit-head")) {}

Status SqliteDeskStore::RoleOf(const std::string& channel, const std::string& user_id, Role* role) {
  return db_->Run([&]() -> Status {
    auto st = db_->Prepare("SELECT role FROM reviewer WHERE channel = ? AND user_id = ?");
    st->bind(1, channel);
    st->bind(2, user_id);
    *role = st->executeStep() ? ParseRole(st->getColumn(0).getString()) : Role::kNone;
    return Status::Ok();
  });
}

Status SqliteDeskStore::AddReviewer(const ReviewerRecord& r, const std::string& actor, int64_t now) {
  return db_->Run([&]() -> Status {
    WriteTransaction tx(*db_);
    auto st = db_->Prepare("INSERT OR REPLACE INTO reviewer (channel, user_id, role, added_at) VALUES (?, ?, ?, ?)");
    st->bind(1, r.channel);
    st->bind(2, r.user_id);
    st->bind(3, std::string(RoleName(r.role)));
    st->bind(4, now);
    st->exec();
    AppendAudit(*db_, audit_key_, actor, "reviewer_add", "", r.channel + ":" + r.user_id + " " + RoleName(r.role), now);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteDeskStore::RemoveReviewer(const std::string& channel, const std::string& user_id,
                                       const std::string& actor, int64_t now) {
  return db_->Run([&]() -> Status {
    WriteTransaction tx(*db_);
    auto st = db_->Prepare("DELETE FROM reviewer WHERE channel = ? AND user_id = ?");
    st->bind(1, channel);
    st->bind(2, user_id);
    if (st->exec() == 0) return Status::NotFound("no reviewer " + channel + ":" + user_id);
    AppendAudit(*db_, audit_key_, actor, "reviewer_remove", "", channel + ":" + user_id, now);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteDeskStore::ListReviewers(std::vector<ReviewerRecord>* out) {
  return db_->Run([&]() -> Status {
    auto st = db_->Prepare("SELECT channel, user_id, role FROM reviewer ORDER BY channel, user_id");
    out->clear();
    while (st->executeStep()) {
      out->push_back({st->getColumn(0).getString(), st->getColumn(1).getString(), ParseRole(st->getColumn(2).getString())});
    }
    return Status::Ok();
  });
}

Status SqliteDeskStore::Queue(const std::string& status, int64_t now, std::vector<TipSummary>* out) {
  return db_->Run([&]() -> Status {
    std::string sql = std::string(kSummaryColumns) +
                      (status.empty() ? "WHERE status NOT IN ('selesai', 'ditolak')" : "WHERE status = ?") +
                      " ORDER BY created_at, code LIMIT 50";
    auto st = db_->Prepare(sql);
    if (!status.empty()) st->bind(1, status);
    out->clear();
    while (st->executeStep()) out->push_back(ReadSummary(*st, now));
    return Status::Ok();
  });
}

Status SqliteDeskStore::Get(const std::string& code, int64_t now, TipDetail* out) {
  return db_->Run([&]() -> Status {
    TipDetail d;
    {
      auto st = db_->Prepare(std::string(kSummaryColumns) + "WHERE code = ?");
      st->bind(1, code);
      if (!st->executeStep()) return Status::NotFound("no tip " + code);
      d.summary = ReadSummary(*st, now);
    }
    {
      auto st = db_->Prepare("SELECT who, happened_on, what FROM tip WHERE code = ?");
      st->bind(1, code);
      st->executeStep();
      d.who = st->getColumn(0).getString();
      d.when = st->getColumn(1).getString();
      d.what = st->getColumn(2).getString();
    }
    {
      // Stored files by their path on disk; links by URL; the rest (pending, flagged) by status.
      auto st = db_->Prepare(
          "SELECT kind, CASE status WHEN 'stored' THEN stored_path WHEN 'link' THEN provider_ref ELSE '' END, "
          "CASE status WHEN 'stored' THEN mime ELSE status END, size FROM tip_evidence WHERE tip_code = ? ORDER BY id");
      st->bind(1, code);
      while (st->executeStep()) {
        d.evidence.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                              st->getColumn(2).getString(), st->getColumn(3).getInt64()});
      }
    }
    {
      auto st = db_->Prepare(
          "SELECT direction, COALESCE(author, ''), body, created_at FROM tip_message WHERE tip_code = ? ORDER BY id");
      st->bind(1, code);
      while (st->executeStep()) {
        TipMessageView m{MessageDirection::kNote, st->getColumn(1).getString(), st->getColumn(2).getString(),
                         st->getColumn(3).getInt64()};
        if (!Parse(st->getColumn(0).getString(), &m.direction)) continue;  // a word this version does not know
        d.messages.push_back(std::move(m));
      }
    }
    *out = std::move(d);
    return Status::Ok();
  });
}

template <typename Fn>
Status SqliteDeskStore::Change(const std::string& code, const std::string& actor, const std::string& action,
                               const std::string& detail, int64_t now, Fn change) {
  return db_->Run([&]() -> Status {
    WriteTransaction tx(*db_);
    {
      auto exists = db_->Prepare("SELECT 1 FROM tip WHERE code = ?");
      exists->bind(1, code);
      if (!exists->executeStep()) return Status::NotFound("no tip " + code);
    }
    change();
    auto touch = db_->Prepare("UPDATE tip SET updated_at = ? WHERE code = ?");
    touch->bind(1, now);
    touch->bind(2, code);
    touch->exec();
    AppendAudit(*db_, audit_key_, actor, action, code, detail, now);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteDeskStore::Claim(const std::string& code, const std::string& actor, int64_t now) {
  return Change(code, actor, "claim", "", now, [&] {
    auto st = db_->Prepare(
        "UPDATE tip SET claimed_by = ?, claimed_at = ?, status = CASE WHEN status = 'baru' THEN 'diproses' "
        "ELSE status END WHERE code = ?");
    st->bind(1, actor);
    st->bind(2, now);
    st->bind(3, code);
    st->exec();
  });
}

Status SqliteDeskStore::AddNote(const std::string& code, const std::string& actor, const std::string& text,
                                int64_t now) {
  return Change(code, actor, "note", "", now, [&] {
    auto st = db_->Prepare(
        "INSERT INTO tip_message (tip_code, direction, body, created_at, author) VALUES (?, 'note', ?, ?, ?)");
    st->bind(1, code);
    st->bind(2, text);
    st->bind(3, now);
    st->bind(4, actor);
    st->exec();
  });
}

std::string SqliteDeskStore::OpenRoute(const std::string& code) {
  std::string route;
  return ReadReturnRoute(*db_, handle_key_, code, &route).ok() ? route : "";
}

Status SqliteDeskStore::MessageTipster(const std::string& code, const std::string& actor, const std::string& text,
                                       int64_t now, std::string* route) {
  return Change(code, actor, "ask_tipster", "", now, [&] {
    auto st = db_->Prepare(
        "INSERT INTO tip_message (tip_code, direction, body, created_at, author) VALUES (?, 'to_tipster', ?, ?, ?)");
    st->bind(1, code);
    st->bind(2, text);
    st->bind(3, now);
    st->bind(4, actor);
    st->exec();
    *route = OpenRoute(code);
  });
}

Status SqliteDeskStore::SetStatus(const std::string& code, TipStatus status, const std::string& reason,
                                  const std::string& actor, int64_t now, std::string* route) {
  return Change(code, actor, "status", ToString(status) + (reason.empty() ? "" : " " + reason), now, [&] {
    auto st = db_->Prepare("UPDATE tip SET status = ?, closed_at = ? WHERE code = ?");
    st->bind(1, ToString(status));
    if (IsOpen(status)) {
      st->bind(2);
    } else {
      st->bind(2, now);
    }
    st->bind(3, code);
    st->exec();
    *route = OpenRoute(code);
    if (!IsOpen(status)) {
      auto del = db_->Prepare("DELETE FROM tip_handle WHERE tip_code = ?");
      del->bind(1, code);
      del->exec();
    }
  });
}

Status SqliteDeskStore::Forward(const std::string& code, const std::string& agency, const std::string& actor,
                                int64_t now) {
  return Change(code, actor, "forward", agency, now, [&] {
    auto st = db_->Prepare("UPDATE tip SET forwarded_to = ?, status = 'diteruskan' WHERE code = ?");
    st->bind(1, agency);
    st->bind(2, code);
    st->exec();
  });
}

Status SqliteDeskStore::Search(const std::string& word, std::vector<TipSummary>* out) {
  return db_->Run([&]() -> Status {
    auto st = db_->Prepare(std::string(kSummaryColumns) +
                           "WHERE instr(lower(who || ' ' || place || ' ' || what || ' ' || category), lower(?)) > 0 "
                           "ORDER BY created_at DESC LIMIT 20");
    st->bind(1, word);
    out->clear();
    while (st->executeStep()) out->push_back(ReadSummary(*st, 0));
    return Status::Ok();
  });
}

Status SqliteDeskStore::Statistics(TipStatistics* out) {
  return db_->Run([&]() -> Status {
    TipStatistics stats;
    auto group = [&](std::vector<TipCount>* counts, const std::string& sql) {
      auto st = db_->Prepare(sql);
      while (st->executeStep()) counts->push_back({st->getColumn(0).getString(), st->getColumn(1).getInt64()});
    };
    group(&stats.by_status, "SELECT status, COUNT(*) FROM tip GROUP BY status ORDER BY 2 DESC, 1");
    group(&stats.by_category, "SELECT category, COUNT(*) FROM tip GROUP BY category ORDER BY 2 DESC, 1");
    group(&stats.by_region,
          "SELECT CASE WHEN instr(place, ',') > 0 THEN substr(place, 1, instr(place, ',') - 1) ELSE place END AS r, "
          "COUNT(*) FROM tip GROUP BY r ORDER BY 2 DESC, 1 LIMIT 10");
    // ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday). SQLite 3.40 has no
    // %V, so each day goes to the Thursday of its week, whose year and day of year give the week.
    group(&stats.by_week,
          "SELECT printf('%s-W%02d', strftime('%Y', th), (CAST(strftime('%j', th) AS INTEGER) - 1) / 7 + 1) AS w, "
          "COUNT(*) FROM (SELECT date(created_at, 'unixepoch', '+7 hours', '-3 days', 'weekday 4') AS th FROM tip) "
          "GROUP BY w ORDER BY w DESC LIMIT 8");
    *out = std::move(stats);
    return Status::Ok();
  });
}

Status SqliteDeskStore::Audit(const std::string& actor, const std::string& action, const std::string& code,
                              const std::string& detail, int64_t now) {
  return db_->Run([&]() -> Status {
    WriteTransaction tx(*db_);
    AppendAudit(*db_, audit_key_, actor, action, code, detail, now);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteDeskStore::PurgeExpiredRoutes(int64_t now, int64_t* purged) {
  return db_->Run([&]() -> Status {
    auto st = db_->Prepare("DELETE FROM tip_handle WHERE expires_at <= ?");
    st->bind(1, now);
    *purged = st->exec();
    return Status::Ok();
  });
}

}  // namespace netra
