#include "bot/janitor.h"

#include "storage/write_transaction.h"

namespace netra {

Janitor::Janitor(Database* db, SqliteDeskStore* desk, Outbox* outbox, JanitorOptions options, Logger* logger)
    : db_(db), desk_(desk), outbox_(outbox), options_(std::move(options)), logger_(logger) {}

Janitor::~Janitor() { Stop(); }

void Janitor::Start(std::function<void()> on_enqueue) {
  worker_.Start(
      [this, on_enqueue] {
        int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
        if (last_digest_ == 0) last_digest_ = now;  // the first digest a day after start
        Status s = RunOnce(now);
        if (!s.ok()) logger_->Error("janitor_failed", {{"error", s.message()}});
        if (on_enqueue) on_enqueue();
        return PeriodicWorker::kIdle;
      },
      options_.period);
}

void Janitor::Stop() { worker_.Stop(); }

Status Janitor::RunOnce(int64_t now) {
  int64_t routes = 0;
  Status s = desk_->PurgeExpiredRoutes(now, &routes);
  if (!s.ok()) return s;
  int64_t updates = 0, failed = 0, sessions = 0;
  {
    auto lock = db_->Lock();
    try {
      auto a = db_->Prepare("DELETE FROM processed_update WHERE processed_at < ?");
      a->bind(1, now - options_.processed_update_days * 86400);
      updates = a->exec();
      auto b = db_->Prepare("DELETE FROM outbox WHERE status = 'failed' AND created_at < ?");
      b->bind(1, now - options_.failed_outbox_days * 86400);
      failed = b->exec();
      auto c = db_->Prepare("DELETE FROM session WHERE updated_at < ?");
      c->bind(1, now - options_.idle_session_days * 86400);
      sessions = c->exec();
      auto d = db_->Prepare("DELETE FROM status_miss WHERE hour < ?");
      d->bind(1, now / 3600 - 1);
      d->exec();
      // Declined questions are masked text for curators; after the retention period they go.
      auto e = db_->Prepare("DELETE FROM unanswered_question WHERE last_seen < ?");
      e->bind(1, now - options_.unanswered_days * 86400);
      e->exec();
    } catch (const SQLite::Exception& e) {
      return StatusFromSqlite(e);
    }
  }
  logger_->Info("janitor", {{"routes_purged", routes}, {"updates_forgotten", updates},
                            {"failed_outbox_removed", failed}, {"sessions_removed", sessions}});
  if (now - last_digest_ >= options_.digest_every_seconds) {
    s = SendDigest(now);
    if (!s.ok()) return s;
    last_digest_ = now;
  }
  return Status::Ok();
}

Status Janitor::SendDigest(int64_t now) {
  std::vector<TipSummary> open;
  Status s = desk_->Queue("", now, &open);
  if (!s.ok()) return s;
  std::string text = options_.texts ? OverdueDigest(*options_.texts, open) : "";
  if (text.empty()) return Status::Ok();
  std::vector<ReviewerRecord> reviewers;
  s = desk_->ListReviewers(&reviewers);
  if (!s.ok()) return s;
  auto lock = db_->Lock();
  try {
    WriteTransaction tx(*db_);
    for (const auto& r : reviewers) {
      if (options_.channel_enabled && !options_.channel_enabled(r.channel)) continue;
      outbox_->EnqueueReply(r.channel, r.user_id, Reply{text, {}, {}, {}}, now);
    }
    tx.Commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
