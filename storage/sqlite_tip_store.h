// SqliteTipStore: TipStore in SQLite. The tip row holds no trace of its tipster; the way back is
// sealed with AES-256-GCM in tip_handle; the daily limit counts per keyed (pseudonym, day) bucket.
#pragma once

#include "storage/database.h"
#include "privacy/secret_key.h"
#include "dialogs/tip_store.h"

namespace netra {

struct TipStoreOptions {
  int daily_limit_per_user = 5;
  int global_limit_per_hour = 300;
  int retention_days = 90;
};

class SqliteTipStore : public TipStore {
 public:
  SqliteTipStore(Database* db, const SecretKey& key, TipStoreOptions options = {});
  Status CreateTip(const TipDraft& draft, const std::string& user_key, const std::string& return_route, int64_t now,
                   std::string* code) override;
  Status GetStatus(const std::string& code, TipStatusView* view) override;
  Status CountUnknownCodes(const std::string& user_key, int64_t now, int add, int* misses) override;
  Status AddTipsterMessage(const std::string& code, const std::string& text, int64_t now) override;

  // The tipster's return route of a tip, for the delivery code only.
  // Returns OK and sets *route on success; NotFound when there is none (closed or expired).
  Status OpenReturnRoute(const std::string& code, std::string* route);

 private:
  Database* db_;
  std::string handle_key_;
  std::string rate_key_;
  std::string evidence_ref_key_;
  TipStoreOptions options_;
};

}  // namespace netra
