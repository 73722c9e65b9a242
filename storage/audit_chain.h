// AuditChain: the append-only, hash-chained log of desk actions in the audit_log table. Each
// entry's hash covers its fields and the previous entry's hash, so editing or deleting any entry
// breaks every hash after it.
#pragma once

#include <cstdint>
#include <string>

#include "storage/database.h"

namespace netra {

// Appends one entry; call inside the action's transaction. `mac_key` (from the secret key) seals
// the chain's head. Throws SQLite::Exception on failure.
void AppendAudit(Database& db, const std::string& mac_key, const std::string& actor, const std::string& action,
                 const std::string& code, const std::string& detail, int64_t now);

// Checks the whole chain and its head. Returns OK and sets *entries when intact; Corruption
// naming the first broken entry otherwise; the storage error when it cannot be read.
Status VerifyAuditChain(Database& db, const std::string& mac_key, int64_t* entries);

}  // namespace netra
