// Janitor: Netra's periodic chores — delete tipsters' return routes past retention, forget old
// update ids, failed outbox rows and idle sessions, and send reviewers a daily digest of overdue
// tips (codes, categories and statuses only).
#pragma once

#include <functional>

#include "base/logger.h"
#include "base/periodic_worker.h"
#include "dialogs/desk.h"
#include "storage/sqlite_desk_store.h"
#include "webhooks/delivery/outbox.h"

namespace netra {

struct JanitorOptions {
  int64_t processed_update_days = 8;  // WhatsApp retries for up to 7 days
  int64_t failed_outbox_days = 7;
  int64_t idle_session_days = 7;
  int64_t unanswered_days = 180;  // declined questions not asked again for this long
  int64_t digest_every_seconds = 24 * 3600;
  std::chrono::milliseconds period = std::chrono::hours(1);  // how often the chores run
  std::function<bool(const std::string& channel)> channel_enabled;
  // The dialog scripts' texts: the digest's words (digest, digest_line).
  const Texts* texts = nullptr;
};

class Janitor {
 public:
  Janitor(Database* db, SqliteDeskStore* desk, Outbox* outbox, JanitorOptions options, Logger* logger);
  ~Janitor();

  // Runs the chores now and then every options.period on a thread of its own; `on_enqueue` is
  // called after each round (to wake the sender for a digest).
  void Start(std::function<void()> on_enqueue);
  // Returns promptly, after a round in progress; safe to call twice.
  void Stop();
  // One round of chores at `now`; sends the digest when it is due. Returns OK or the first error.
  Status RunOnce(int64_t now);

 private:
  Status SendDigest(int64_t now);

  Database* db_;
  SqliteDeskStore* desk_;
  Outbox* outbox_;
  JanitorOptions options_;
  Logger* logger_;
  int64_t last_digest_ = 0;  // used by one thread at a time: the worker's, or the caller's of RunOnce
  PeriodicWorker worker_;    // last: stopped before the members it uses go
};

}  // namespace netra
