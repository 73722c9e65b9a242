// Services: everything a running Netra needs, opened from a Config: the database and its stores,
// the secret key, the knowledge base, the dialog scripts and the dialog engine.
// Used by `netra serve` and `netra chat` alike.
#pragma once

#include <memory>

#include "base/clock.h"
#include "bot/config.h"
#include "storage/database.h"
#include "privacy/secret_key.h"
#include "storage/sqlite_desk_store.h"
#include "storage/sqlite_feedback_store.h"
#include "storage/sqlite_question_log.h"
#include "storage/sqlite_session_store.h"
#include "storage/sqlite_tip_store.h"
#include "dialogs/engine.h"
#include "dialogs/script.h"
#include "knowledge/answerer_holder.h"

namespace netra {

struct Services {
  // Opens all services. Returns OK and sets *out on success; the first error, naming its
  // setting, otherwise.
  static Status Open(const Config& config, std::unique_ptr<Services>* out);

  Config config;
  SystemClock clock;
  SecretKey key;
  std::unique_ptr<Database> db;
  std::unique_ptr<SqliteSessionStore> sessions;
  std::unique_ptr<SqliteTipStore> tips;
  std::unique_ptr<SqliteQuestionLog> questions;
  std::unique_ptr<SqliteFeedbackStore> feedback;
  std::unique_ptr<SqliteDeskStore> desk;
  AnswererHolder answerer;
  Script script;
  std::unique_ptr<DialogEngine> engine;

  // The role of (channel, user id): a reviewer listed in NETRA_REVIEWERS or added since, or kNone.
  // Returns OK and sets *role; the storage error otherwise.
  Status RoleOf(const std::string& channel, const std::string& user_id, Role* role) const;
};

// Loads the dialog scripts in `dir` and refuses them when lint finds a problem.
// Returns OK on success; the load or lint error otherwise.
Status LoadScript(const std::string& dir, Script* script);

}  // namespace netra
