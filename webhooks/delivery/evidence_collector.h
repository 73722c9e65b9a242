// EvidenceCollector: fetches tip evidence through its channel (Channel::FetchMedia), strips its
// metadata, and keeps it on disk under its SHA-256, recording hash and size.
// Files it cannot clean (unknown formats, damaged or unsupported images, too large) are not kept
// and are flagged for a reviewer. Once an item is settled (stored, flagged, or failed after
// max_attempts) its provider reference is cleared, so the original can no longer be fetched.
// Every failed attempt (fetch or write) counts against max_attempts, and a failed row waits a
// capped exponential back-off (its next_attempt_at) before it is tried again.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "storage/database.h"
#include "base/clock.h"
#include "base/logger.h"
#include "base/metrics.h"
#include "base/periodic_worker.h"
#include "webhooks/channel/channel.h"

namespace netra {

struct EvidenceCollectorOptions {
  std::string evidence_dir = "evidence";
  std::string ref_key;  // EvidenceRefKey(secret key): opens the sealed provider references
  size_t max_bytes = 10 << 20;
  int max_attempts = 5;
  int64_t backoff_seconds = 60;        // wait after the first failed attempt; doubles after each
  int64_t max_backoff_seconds = 3600;  // the longest wait between two attempts
  int64_t channel_off_retry_seconds = 3600;  // a row whose channel has no credentials waits this long
  std::chrono::milliseconds poll = std::chrono::seconds(2);  // how often the thread looks for due rows
  const Clock* clock = nullptr;        // the time source; nullptr: the system clock
};

class EvidenceCollector {
 public:
  // Fetches through `channels` (owned elsewhere, outliving the collector); evidence of a channel
  // not among them stays pending ("channel off") until its attempts run out.
  EvidenceCollector(Database* db, std::vector<Channel*> channels, EvidenceCollectorOptions options,
                    Metrics* metrics, Logger* logger);
  ~EvidenceCollector();

  // Collects on a thread of its own: at once while rows are due, else every options.poll.
  void Start();
  // Returns promptly, after the item in progress; safe to call twice.
  void Stop();
  // One pass over the pending evidence that is due now; returns how many items it tried. For
  // tests and the loop.
  size_t CollectOnce();
  // The wait after the `attempts`-th failed attempt (1, 2, ...): backoff_seconds doubled each
  // time, at most max_backoff_seconds.
  int64_t BackoffSeconds(int attempts) const;

 private:
  // Fetches the file. Returns OK and fills *bytes; Unavailable on a transport or provider error;
  // InvalidArgument when the channel has no credentials (no attempt was made).
  Status Fetch(const std::string& channel, const std::string& ref, std::string* bytes);

  Database* db_;
  std::vector<Channel*> channels_;
  EvidenceCollectorOptions options_;
  Metrics* metrics_;
  Logger* logger_;
  SystemClock system_clock_;
  const Clock* clock_;
  bool old_refs_cleared_ = false;  // set once rows settled by older versions are cleared; under db_->Lock()
  PeriodicWorker worker_;          // last: stopped before the members it uses go
};

}  // namespace netra
