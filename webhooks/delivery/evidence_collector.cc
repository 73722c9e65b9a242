#include "webhooks/delivery/evidence_collector.h"

#include "privacy/evidence_ref.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "privacy/crypto.h"
#include "privacy/metadata_stripper.h"

namespace netra {
namespace {

struct Pending {
  int64_t id;
  std::string channel, ref;
  int attempts;
};

Status WriteFile(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::IoError("cannot write " + path);
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ::close(fd);
  return ok ? Status::Ok() : Status::IoError("cannot write " + path);
}

}  // namespace

EvidenceCollector::EvidenceCollector(Database* db, std::vector<Channel*> channels, EvidenceCollectorOptions options,
                                     Metrics* metrics, Logger* logger)
    : db_(db),
      channels_(std::move(channels)),
      options_(std::move(options)),
      metrics_(metrics),
      logger_(logger),
      clock_(options_.clock != nullptr ? options_.clock : &system_clock_) {
  metrics_->Describe("netra_evidence_total", "counter", "Evidence files handled, by result.");
}

EvidenceCollector::~EvidenceCollector() { Stop(); }

void EvidenceCollector::Start() {
  // Rows not yet due are not selected, so a pass that tried something is followed by one more
  // that finds nothing due and then waits: no pass spins.
  worker_.Start([this] { return CollectOnce() > 0 ? PeriodicWorker::kMoreWork : PeriodicWorker::kIdle; },
                options_.poll);
}

void EvidenceCollector::Stop() { worker_.Stop(); }

int64_t EvidenceCollector::BackoffSeconds(int attempts) const {
  int64_t wait = std::max<int64_t>(1, options_.backoff_seconds);
  for (int i = 1; i < attempts && wait < options_.max_backoff_seconds; ++i) wait *= 2;
  return std::min(wait, std::max<int64_t>(1, options_.max_backoff_seconds));
}

Status EvidenceCollector::Fetch(const std::string& channel, const std::string& ref, std::string* bytes) {
  Channel* c = FindChannel(channels_, channel);
  if (c == nullptr) return Status::InvalidArgument("channel off");
  return c->FetchMedia(ref, bytes);
}

size_t EvidenceCollector::CollectOnce() {
  const int64_t now = clock_->NowSeconds();
  std::vector<Pending> pending;
  {
    auto lock = db_->Lock();
    try {
      if (!old_refs_cleared_) {
        // Rows settled before references were cleared on settling (red team L5).
        db_->sql().exec(
            "UPDATE tip_evidence SET provider_ref = '' WHERE status IN ('stored', 'flagged', 'failed') "
            "AND provider_ref <> ''");
        old_refs_cleared_ = true;
      }
      auto st = db_->Prepare(
          "SELECT id, channel, provider_ref, attempts FROM tip_evidence WHERE status = 'pending' "
          "AND next_attempt_at <= ? ORDER BY id LIMIT 5");
      st->bind(1, now);
      while (st->executeStep()) {
        pending.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(), st->getColumn(2).getString(),
                           st->getColumn(3).getInt()});
      }
    } catch (const SQLite::Exception&) {
      return 0;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(options_.evidence_dir, ec);
  ::chmod(options_.evidence_dir.c_str(), 0700);
  for (const Pending& p : pending) {
    std::string bytes, clean, format, status, sha, path;
    std::string ref;
    Status fetched = OpenEvidenceRef(options_.ref_key, p.ref, &ref)
                         ? Fetch(p.channel, ref, &bytes)
                         : Status::Corruption("evidence reference does not open under the key");
    // Once settled (stored, flagged or failed for good) the row forgets the provider's reference
    // (Telegram file_id, WhatsApp media id): with it and the bot token the original file, metadata
    // and all, could still be downloaded (red team L5). Only pending rows keep it, to retry.
    int attempts = p.attempts + 1;  // every try that reached for the provider counts
    int64_t next_attempt_at = 0;
    if (fetched.code() == Status::Code::kInvalidArgument) {
      // The channel has no credentials: nothing was tried; look again much later.
      status = "pending";
      attempts = p.attempts;
      next_attempt_at = now + std::max<int64_t>(1, options_.channel_off_retry_seconds);
    } else if (!fetched.ok()) {
      status = "pending";
    } else if (bytes.size() > options_.max_bytes || !StripMetadata(bytes, &clean, &format).ok()) {
      status = "flagged";  // neither kept nor forwarded; reviewers see that it was flagged
    } else {
      sha = ToHex(Sha256(clean));
      path = options_.evidence_dir + "/" + sha + (format == "jpeg" ? ".jpg" : "." + format);
      Status written = WriteFile(path, clean);
      if (written.ok()) {
        status = "stored";
      } else {
        status = "pending";
        logger_->Error("evidence_write_failed", {{"error", written.message()}});
        sha.clear();
        path.clear();
        clean.clear();
      }
    }
    if (status == "pending" && attempts > p.attempts) {
      if (attempts >= options_.max_attempts) {
        status = "failed";
      } else {
        next_attempt_at = now + BackoffSeconds(attempts);
      }
    }
    metrics_->Increment("netra_evidence_total", {{"result", status == "pending" ? "retry" : status}});
    auto lock = db_->Lock();
    try {
      auto st = db_->Prepare(
          "UPDATE tip_evidence SET status = ?, attempts = ?, next_attempt_at = ?, sha256 = ?, stored_path = ?, "
          "size = CASE WHEN ? > 0 THEN ? ELSE size END, "
          "provider_ref = CASE WHEN ? = 'pending' THEN provider_ref ELSE '' END WHERE id = ?");
      st->bind(1, status);
      st->bind(2, attempts);
      st->bind(3, next_attempt_at);
      st->bind(4, sha);
      st->bind(5, path);
      st->bind(6, static_cast<int64_t>(clean.size()));
      st->bind(7, static_cast<int64_t>(clean.size()));
      st->bind(8, status);
      st->bind(9, p.id);
      st->exec();
    } catch (const SQLite::Exception& e) {
      logger_->Error("evidence_update_failed", {{"error", e.what()}});
    }
  }
  return pending.size();
}

}  // namespace netra
