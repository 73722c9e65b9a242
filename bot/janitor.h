// Janitor: Netra's periodic chores — delete tipsters' return routes past retention, forget old
// update ids, failed outbox rows and idle sessions, and send reviewers a daily digest of overdue
// tips (codes, categories and statuses only).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "base/logger.h"
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
  std::function<bool(const std::string& channel)> channel_enabled;
  // The dialog scripts' texts: the digest's words (digest, digest_line).
  const Texts* texts = nullptr;
};

class Janitor {
 public:
  Janitor(Database* db, SqliteDeskStore* desk, Outbox* outbox, JanitorOptions options, Logger* logger);
  ~Janitor();

  void Start(std::function<void()> on_enqueue);
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
  int64_t last_digest_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> running_{false};
};

}  // namespace netra
