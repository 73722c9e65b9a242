// Session: one conversation's state, keyed by the user's pseudonym, behind a store interface.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"

namespace netra {

struct Session {
  std::string user_key;        // pseudonym of (channel, user id)
  std::string state;           // a state id of the dialog script; "" for a new conversation
  nlohmann::json data = nlohmann::json::object();  // the draft being filled (masked text only)
  int64_t updated_at = 0;      // seconds since the epoch
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Returns OK and fills *session when one exists; NotFound when none; the storage error otherwise.
  virtual Status Load(const std::string& user_key, Session* session) = 0;
  // Returns OK on success; the storage error otherwise.
  virtual Status Save(const Session& session) = 0;
  // Removes the session and its draft. Returns OK (also when absent); the storage error otherwise.
  virtual Status Delete(const std::string& user_key) = 0;
};

}  // namespace netra
