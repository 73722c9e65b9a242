// EvidenceCollector: fetches tip evidence through its channel (Channel::FetchMedia), strips its
// metadata, and keeps it on disk under its SHA-256, recording hash and size.
// Files it cannot clean (unknown formats, damaged or unsupported images, too large) are not kept
// and are flagged for a reviewer. Once an item is settled (stored, flagged, or failed after
// max_attempts) its provider reference is cleared, so the original can no longer be fetched.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "base/logger.h"
#include "base/metrics.h"
#include "webhooks/channel/channel.h"

namespace netra {

struct EvidenceCollectorOptions {
  std::string evidence_dir = "evidence";
  std::string ref_key;  // EvidenceRefKey(secret key): opens the sealed provider references
  size_t max_bytes = 10 << 20;
  int max_attempts = 5;
};

class EvidenceCollector {
 public:
  // Fetches through `channels` (owned elsewhere, outliving the collector); evidence of a channel
  // not among them stays pending ("channel off") until its attempts run out.
  EvidenceCollector(Database* db, std::vector<Channel*> channels, EvidenceCollectorOptions options,
                    Metrics* metrics, Logger* logger);
  ~EvidenceCollector();

  void Start();
  void Stop();
  // One pass over pending evidence; returns how many items it handled. For tests and the loop.
  size_t CollectOnce();

 private:
  // Fetches the file. Returns OK and fills *bytes; Unavailable on a transport or provider error.
  Status Fetch(const std::string& channel, const std::string& ref, std::string* bytes);

  Database* db_;
  std::vector<Channel*> channels_;
  EvidenceCollectorOptions options_;
  Metrics* metrics_;
  Logger* logger_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> running_{false};
  bool old_refs_cleared_ = false;  // set once rows settled by older versions are cleared; under db_->Lock()
};

}  // namespace netra
