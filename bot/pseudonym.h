// Pseudonym: the keyed, one-way name of a (channel, user id) under which Netra keeps a
// conversation. Without the secret key it cannot be linked back to the user.
#pragma once

#include <string>

#include "bot/crypto.h"
#include "bot/secret_key.h"

namespace netra {

inline std::string Pseudonym(const SecretKey& key, const std::string& channel, const std::string& user_id) {
  return ToHex(HmacSha256(key.Derive("pseudonym"), channel + ":" + user_id)).substr(0, 32);
}

}  // namespace netra
