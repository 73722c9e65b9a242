// Pseudonym: the keyed, one-way name of a (channel, user id) under which Netra keeps a
// conversation. Without the secret key it cannot be linked back to the user.
#pragma once

#include <string>

#include "privacy/crypto.h"
#include "privacy/secret_key.h"

namespace netra {

inline std::string Pseudonym(const SecretKey& key, const std::string& channel, const std::string& user_id) {
  return ToHex(HmacSha256(key.Derive("pseudonym"), channel + ":" + user_id)).substr(0, 32);
}

// The keyed digest under which a provider's update id (Telegram update_id, WhatsApp wamid) is
// remembered for de-duplication. A wamid is base64 of a structure that starts with the sender's
// phone number, so the id itself is never stored.
inline std::string UpdateKeyDigest(const SecretKey& key, const std::string& channel, const std::string& update_key) {
  return ToHex(HmacSha256(key.Derive("update-key"), channel + ":" + update_key)).substr(0, 32);
}

}  // namespace netra
