// DialogEngine: runs the scripted dialogs. One message in, the replies out; the session moves
// from state to state as the script says, and named actions do the work (answer a question,
// save a tip, look up a status).
//
// Messages of one user are handled one at a time, in order; different users run in parallel.
#pragma once

#include <array>
#include <memory>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "dialogs/desk.h"
#include "dialogs/desk_store.h"
#include "dialogs/feedback_store.h"
#include "dialogs/message.h"
#include "dialogs/script.h"
#include "dialogs/session.h"
#include "dialogs/tip_store.h"
#include "knowledge/answerer_holder.h"
#include "dialogs/question_log.h"

namespace netra {

struct DialogEngineOptions {
  int64_t session_timeout_seconds = 30 * 60;
  int utc_offset_seconds = 7 * 3600;  // WIB
  // /status lookups of unknown codes a person may make in an hour before lookups are refused.
  int unknown_codes_per_hour = 10;
};

struct DialogDeps {
  const Script* script = nullptr;
  const AnswererHolder* answerer = nullptr;
  SessionStore* sessions = nullptr;
  TipStore* tips = nullptr;
  QuestionLog* questions = nullptr;  // optional
  FeedbackStore* feedback = nullptr; // optional
  const Clock* clock = nullptr;
  DeskStore* desk = nullptr;         // optional: the reviewer desk
};

class DialogEngine {
 public:
  DialogEngine(DialogDeps deps, DialogEngineOptions options = {});

  // Handles one message and appends the replies to *replies.
  // Returns OK on success; the storage error otherwise (the session is then left as it was).
  Status Handle(const InboundMessage& message, std::vector<Reply>* replies);

  // The named actions scripts may use.
  static const std::set<std::string>& ActionNames();

 private:
  struct Turn;  // one message being handled
  Status Process(Turn& t, const std::string& state_id);
  Status Enter(Turn& t, std::string target);
  Status RunAction(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status AnswerQuestion(Turn& t, const std::string& input, std::string* outcome);
  Reply Render(const Turn& t, const StateSpec& st) const;
  std::string Fill(const Turn& t, const std::string& text) const;
  std::string Summary(const Turn& t) const;
  std::string Text(const std::string& key) const;

  DialogDeps deps_;
  DialogEngineOptions options_;
  std::unique_ptr<Desk> desk_;
  std::array<std::mutex, 64> user_locks_;
};

}  // namespace netra
