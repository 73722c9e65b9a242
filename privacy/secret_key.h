// SecretKey: the 32-byte key behind pseudonyms and encryption, kept in a file of mode 0600.
#pragma once

#include <string>

#include "base/status.h"

namespace netra {

class SecretKey {
 public:
  // Reads the key from `path`, creating it with 32 random bytes and mode 0600 when absent.
  // Returns OK on success; InvalidArgument when the file is readable by group or others or
  // malformed; IoError when it cannot be read or created.
  static Status LoadOrCreate(const std::string& path, SecretKey* key);

  // A key for tests and tools that must not touch the disk.
  static SecretKey FromBytes(std::string bytes) { SecretKey k; k.bytes_ = std::move(bytes); return k; }

  // A 32-byte key for one purpose ("pseudonym", "handle", …), derived with HMAC-SHA256.
  std::string Derive(const std::string& purpose) const;

  bool empty() const { return bytes_.empty(); }

 private:
  std::string bytes_;
};

}  // namespace netra
