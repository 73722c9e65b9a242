// SqliteDeskStore: the desk's four stores (roster, tip desk, reports, audit log) in SQLite; every
// change and its audit entry in one transaction.
#pragma once

#include "storage/database.h"
#include "privacy/secret_key.h"
#include "dialogs/desk_store.h"

namespace netra {

class SqliteDeskStore : public ReviewerRoster, public TipDesk, public DeskReports, public AuditLog {
 public:
  SqliteDeskStore(Database* db, const SecretKey& key);

  Status RoleOf(const std::string& channel, const std::string& user_id, Role* role) override;
  Status AddReviewer(const ReviewerRecord& r, const std::string& actor, int64_t now) override;
  Status RemoveReviewer(const std::string& channel, const std::string& user_id, const std::string& actor,
                        int64_t now) override;
  Status ListReviewers(std::vector<ReviewerRecord>* out) override;
  Status Queue(const std::string& status, int64_t now, std::vector<TipSummary>* out) override;
  Status Get(const std::string& code, int64_t now, TipDetail* out) override;
  Status Claim(const std::string& code, const std::string& actor, int64_t now) override;
  Status AddNote(const std::string& code, const std::string& actor, const std::string& text, int64_t now) override;
  Status MessageTipster(const std::string& code, const std::string& actor, const std::string& text, int64_t now,
                        std::string* route) override;
  Status SetStatus(const std::string& code, TipStatus status, const std::string& reason,
                   const std::string& actor, int64_t now, std::string* route) override;
  Status Forward(const std::string& code, const std::string& agency, const std::string& actor, int64_t now) override;
  Status Search(const std::string& word, std::vector<TipSummary>* out) override;
  Status Statistics(TipStatistics* out) override;
  Status Audit(const std::string& actor, const std::string& action, const std::string& code,
               const std::string& detail, int64_t now) override;

  // Deletes return routes past their retention; returns how many. Run daily.
  Status PurgeExpiredRoutes(int64_t now, int64_t* purged);

  const std::string& audit_key() const { return audit_key_; }

 private:
  // Runs `change` and its audit entry in one transaction; NotFound when the tip does not exist.
  template <typename Fn>
  Status Change(const std::string& code, const std::string& actor, const std::string& action,
                const std::string& detail, int64_t now, Fn change);
  std::string OpenRoute(const std::string& code);  // requires the lock; "" when none

  Database* db_;
  std::string handle_key_;
  std::string audit_key_;
};

}  // namespace netra
