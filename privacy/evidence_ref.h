// The provider's reference to an evidence file (Telegram file_id, WhatsApp media id) is needed
// until the file is fetched, and with the bot token it opens the original, metadata and all. It
// is therefore stored sealed (AES-256-GCM under a key of its own), never verbatim, and forgotten
// once the evidence is settled.
#pragma once

#include <string>

#include "privacy/crypto.h"
#include "privacy/secret_key.h"

namespace netra {

inline std::string EvidenceRefKey(const SecretKey& key) { return key.Derive("evidence-ref"); }

// The stored form of `ref`: "s1:" and the hex of its sealed bytes.
inline std::string SealEvidenceRef(const std::string& ref_key, const std::string& ref) {
  return "s1:" + ToHex(Seal(ref_key, ref));
}

// Returns true and sets *ref from a stored form; false when it does not open under `ref_key`.
// A row written before references were sealed holds the reference itself and is read as it is.
inline bool OpenEvidenceRef(const std::string& ref_key, const std::string& stored, std::string* ref) {
  if (stored.rfind("s1:", 0) != 0) {
    *ref = stored;
    return true;
  }
  std::string sealed;
  return FromHex(stored.substr(3), &sealed) && Open(ref_key, sealed, ref);
}

}  // namespace netra
