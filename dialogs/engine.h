// DialogEngine: runs the scripted dialogs. One message in, the replies out; the session moves
// from state to state as the script says, and named actions do the work (answer a question,
// save a tip, look up a status).
//
// Concurrency: Handle may be called from any thread, but callers run one message at a time (the
// webhook handler commits updates in arrival order, each in one SQLite write transaction with its
// replies, and SQLite has one writer). The engine itself keeps no per-user locks.
#pragma once

#include <memory>
#include <map>
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
  DeskStores desk;                   // optional: the reviewer desk
};

class DialogEngine {
 public:
  DialogEngine(DialogDeps deps, DialogEngineOptions options = {});

  // Handles one message and appends the replies to *replies.
  // Returns OK on success; the storage error otherwise (the session is then left as it was).
  Status Handle(const InboundMessage& message, std::vector<Reply>* replies);

  // The named actions scripts may use (the keys of the action table).
  static const std::set<std::string>& ActionNames();

  // Every problem of `script` for this engine: LintScript with the engine's actions and the
  // desk's commands no script may shadow.
  static std::vector<std::string> Lint(const Script& script);

 private:
  struct Turn;   // one message being handled
  struct Input;  // what a state made of the message
  using Action = Status (DialogEngine::*)(Turn& t, const StateSpec& st, const std::string& input,
                                          std::string* outcome);
  static const std::map<std::string, Action>& Actions();

  // Routes a "/command arg" message: reviewers to the desk first, everyone to the script's
  // commands; a desk-only command from anyone else is refused and audit-logged.
  Status RouteCommand(Turn& t, const std::string& command, const std::string& arg);
  Status RunScriptCommand(Turn& t, const std::string& command, const std::string& target, const std::string& arg);
  Status Process(Turn& t, const std::string& state_id);
  Status Enter(Turn& t, std::string target);

  // Each reads the message as the state's kind of input. Return OK with *in accepted, refused
  // (with a text) or handled (replies already given); the storage error otherwise.
  Status AcceptChoice(Turn& t, const StateSpec& st, Input* in);
  Status AcceptText(Turn& t, const StateSpec& st, Input* in);
  Status AcceptDate(Turn& t, const StateSpec& st, Input* in);
  Status AcceptEvidence(Turn& t, const StateSpec& st, Input* in);
  Status AcceptCode(Turn& t, const StateSpec& st, Input* in);

  Status RunAction(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status AnswerQuestionAction(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status DiscardDraft(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status SaveTip(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status LookupStatus(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status AnswerReviewer(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome);
  Status AnswerQuestion(Turn& t, const std::string& input, std::string* outcome);
  Reply Render(const Turn& t, const StateSpec& st) const;
  std::string Fill(const Turn& t, const std::string& text) const;
  std::string Summary(const Turn& t) const;
  std::string Text(const std::string& key) const;
  std::string Text(const std::string& key, const std::map<std::string, std::string>& vars) const;

  DialogDeps deps_;
  DialogEngineOptions options_;
  std::unique_ptr<Desk> desk_;
};

}  // namespace netra
