#include "storage/audit_chain.h"

#include "privacy/crypto.h"

namespace netra {
namespace {

const char kGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

std::string EntryHash(const std::string& prev, int64_t id, int64_t at, const std::string& actor,
                      const std::string& action, const std::string& code, const std::string& detail) {
  // Length-prefixed fields, so no two different entries serialise alike.
  std::string data;
  for (const std::string& f : {prev, std::to_string(id), std::to_string(at), actor, action, code, detail}) {
    data += std::to_string(f.size()) + ":" + f + ";";
  }
  return ToHex(Sha256(data));
}

// The head's seal: proves the last id and hash were written by someone holding the key.
std::string HeadMac(const std::string& key, int64_t id, const std::string& hash) {
  return ToHex(HmacSha256(key, std::to_string(id) + ":" + hash));
}

}  // namespace

void AppendAudit(Database& db, const std::string& mac_key, const std::string& actor, const std::string& action, const std::string& code,
                 const std::string& detail, int64_t now) {
  auto lock = db.Lock();
  std::string prev = kGenesis;
  int64_t id = 1;
  {
    auto last = db.Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (last->executeStep()) {
      id = last->getColumn(0).getInt64() + 1;
      prev = last->getColumn(1).getString();
    }
  }
  std::string hash = EntryHash(prev, id, now, actor, action, code, detail);
  db.Prepare("INSERT INTO audit_log (id, at, actor, action, tip_code, detail, prev_hash, hash) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             id, now, actor, action, code, detail, prev, hash)
      ->exec();
  db.Prepare("INSERT OR REPLACE INTO audit_head (one, last_id, last_hash, mac) VALUES (1, ?, ?, ?)", id, hash,
             HeadMac(mac_key, id, hash))
      ->exec();
}

Status VerifyAuditChain(Database& db, const std::string& mac_key, int64_t* entries) {
  return db.Run([&] {
    auto st = db.Prepare("SELECT id, at, actor, action, tip_code, detail, prev_hash, hash FROM audit_log ORDER BY id");
    std::string prev = kGenesis;
    int64_t expected_id = 1, n = 0;
    while (st->executeStep()) {
      int64_t id = st->getColumn(0).getInt64();
      std::string at_id = "audit entry " + std::to_string(id);
      if (id != expected_id) return Status::Corruption("audit entry " + std::to_string(expected_id) + " is missing");
      if (st->getColumn(6).getString() != prev) return Status::Corruption(at_id + ": previous hash does not match");
      std::string hash = EntryHash(prev, id, st->getColumn(1).getInt64(), st->getColumn(2).getString(),
                                   st->getColumn(3).getString(), st->getColumn(4).getString(),
                                   st->getColumn(5).getString());
      if (hash != st->getColumn(7).getString()) return Status::Corruption(at_id + ": contents were changed");
      prev = hash;
      ++expected_id;
      ++n;
    }
    auto head = db.Prepare("SELECT last_id, last_hash, mac FROM audit_head WHERE one = 1");
    if (!head->executeStep()) {
      if (n > 0) return Status::Corruption("the audit head is missing");
    } else {
      int64_t last_id = head->getColumn(0).getInt64();
      std::string last_hash = head->getColumn(1).getString();
      if (head->getColumn(2).getString() != HeadMac(mac_key, last_id, last_hash)) {
        return Status::Corruption("the audit head was changed");
      }
      if (last_id != n || last_hash != prev) {
        return Status::Corruption("audit entries after " + std::to_string(n) + " were deleted (head says " +
                                  std::to_string(last_id) + ")");
      }
    }
    *entries = n;
    return Status::Ok();
  });
}

}  // namespace netra
