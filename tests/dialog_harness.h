// DialogHarness: the dialog engine wired to a real SQLite file, the shipped knowledge base and
// dialog scripts, and a fake clock, for end-to-end tests of the flows.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <regex>

#include "storage/database.h"
#include "storage/sqlite_desk_store.h"
#include "storage/sqlite_feedback_store.h"
#include "storage/sqlite_question_log.h"
#include "storage/sqlite_session_store.h"
#include "storage/sqlite_tip_store.h"
#include "dialogs/engine.h"
#include "tests/fake_clock.h"
#include "tests/test_util.h"

namespace netra::testing {

class DialogHarness {
 public:
  DialogHarness() : key_(SecretKey::FromBytes(std::string(32, 'k'))) {
    std::shared_ptr<const Answerer> answerer;
    Status s = LoadAnswerer(SourceDir() + "/knowledge", &answerer);
    EXPECT_TRUE(s.ok()) << s.message();
    answerer_.Set(answerer);
    s = Script::Load(SourceDir() + "/dialogs", &script_);
    EXPECT_TRUE(s.ok()) << s.message();
    Open();
  }

  // (Re)opens the database and a new engine, as a restarted process would.
  void Open() {
    engine_.reset();
    desk_.reset();
    tips_.reset();
    db_.reset();
    Status s = Database::Open({.path = dir_.file("netra.db")}, &db_);
    ASSERT_TRUE(s.ok()) << s.message();
    sessions_ = std::make_unique<SqliteSessionStore>(db_.get());
    tips_ = std::make_unique<SqliteTipStore>(db_.get(), key_, tip_options_);
    questions_ = std::make_unique<SqliteQuestionLog>(db_.get());
    feedback_ = std::make_unique<SqliteFeedbackStore>(db_.get());
    desk_ = std::make_unique<SqliteDeskStore>(db_.get(), key_);
    DialogDeps deps{&script_,          &answerer_,        sessions_.get(), tips_.get(),
                    questions_.get(),  feedback_.get(),   &clock_,         desk_.get()};
    engine_ = std::make_unique<DialogEngine>(deps);
  }

  InboundMessage Message(const std::string& user) const {
    InboundMessage m;
    m.channel = "telegram";
    m.user_key = "pseudo-" + user;
    m.reply_address = {"telegram", "chat-" + user};
    return m;
  }

  std::vector<Reply> Send(InboundMessage m) {
    std::vector<Reply> replies;
    Status s = engine_->Handle(m, &replies);
    EXPECT_TRUE(s.ok()) << s.message() << " after '" << m.text << "'";
    return replies;
  }
  std::vector<Reply> Say(const std::string& text, const std::string& user = "u1") {
    InboundMessage m = Message(user);
    m.text = text;
    return Send(m);
  }
  // A reviewer's message (staff id telegram:<id>).
  std::vector<Reply> Review(const std::string& text, const std::string& reviewer = "9001") {
    InboundMessage m = Message("reviewer-" + reviewer);
    m.text = text;
    m.reviewer = true;
    m.staff_id = {"telegram", reviewer};
    return Send(m);
  }
  std::vector<Reply> Press(const std::string& id, const std::string& user = "u1") {
    InboundMessage m = Message(user);
    m.kind = MessageKind::kButton;
    m.text = id;
    return Send(m);
  }
  std::vector<Reply> Photo(const std::string& ref, const std::string& user = "u1") {
    InboundMessage m = Message(user);
    m.kind = MessageKind::kMedia;
    m.media = {"photo", ref, "image/jpeg", 1234};
    return Send(m);
  }

  std::string State(const std::string& user = "u1") {
    Session s;
    return sessions_->Load("pseudo-" + user, &s).ok() ? s.state : "";
  }

  // A tip's answers, from the category to the story.
  struct TipAnswers {
    std::string category, who, where, when, what;
  };

  // Walks `user` from /lapor through every field to the summary; evidence is sent by the caller
  // in `evidence` (a callback between the story and the summary), or skipped when it is empty.
  void FillTip(const std::string& user, const TipAnswers& a, const std::function<void()>& evidence = {}) {
    Say("/lapor", user);
    Press("lanjut", user);
    Press(a.category, user);
    Say(a.who, user);
    Say(a.where, user);
    Say(a.when, user);
    Say(a.what, user);
    if (evidence) {
      evidence();
      Press("selesai", user);
    } else {
      Press("lewati", user);
    }
  }

  // The first ticket code in the replies, or "".
  static std::string TicketCode(const std::vector<Reply>& replies) {
    std::smatch m;
    std::string text = AllText(replies);
    static const std::regex code("([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})");
    return std::regex_search(text, m, code) ? m[1].str() : "";
  }

  static std::string AllText(const std::vector<Reply>& replies) {
    std::string out;
    for (const auto& r : replies) out += r.text + "\n";
    return out;
  }

  FakeClock clock_{1732071600};  // 2024-11-20 10:00 WIB
  TipStoreOptions tip_options_;  // used by Open()
  TempDir dir_;
  SecretKey key_;
  Script script_;
  AnswererHolder answerer_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteSessionStore> sessions_;
  std::unique_ptr<SqliteTipStore> tips_;
  std::unique_ptr<SqliteQuestionLog> questions_;
  std::unique_ptr<SqliteFeedbackStore> feedback_;
  std::unique_ptr<SqliteDeskStore> desk_;
  std::unique_ptr<DialogEngine> engine_;
};

}  // namespace netra::testing
