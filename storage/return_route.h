// The way back to a tipster: sealed with AES-256-GCM in tip_handle, apart from the tip, readable
// only with the key derived here. Shared by the tip store (which writes it) and the desk store
// (which relays through it and deletes it at close).
#pragma once

#include <string>

#include "privacy/crypto.h"
#include "storage/database.h"
#include "privacy/secret_key.h"

namespace netra {

inline std::string ReturnRouteKey(const SecretKey& key) { return key.Derive("tip-handle"); }

// Reads and opens the route of tip `code`; call with the database lock held.
// Returns OK and sets *route; NotFound when there is none (closed or expired); Corruption when it
// does not open under `route_key`. Throws SQLite::Exception on a storage error.
inline Status ReadReturnRoute(Database& db, const std::string& route_key, const std::string& code,
                              std::string* route) {
  auto st = db.Prepare("SELECT sealed FROM tip_handle WHERE tip_code = ?");
  st->bind(1, code);
  if (!st->executeStep()) return Status::NotFound("no return route for " + code);
  SQLite::Column c = st->getColumn(0);
  std::string sealed(static_cast<const char*>(c.getBlob()), static_cast<size_t>(c.getBytes()));
  if (!Open(route_key, sealed, route)) return Status::Corruption("return route of " + code + " does not open");
  return Status::Ok();
}

}  // namespace netra
