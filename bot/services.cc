#include "bot/services.h"

#include "privacy/pseudonym.h"

namespace netra {

Status LoadScript(const std::string& dir, Script* script) {
  Status s = Script::Load(dir, script);
  if (!s.ok()) return Status::InvalidArgument("NETRA_DIALOGS_DIR: " + s.message());
  std::vector<std::string> problems = DialogEngine::Lint(*script);
  if (!problems.empty()) {
    return Status::InvalidArgument("NETRA_DIALOGS_DIR: dialog scripts in " + dir + " fail lint (" +
                                   std::to_string(problems.size()) + " problems), first: " + problems.front());
  }
  return Status::Ok();
}

Status Services::RoleOf(const std::string& channel, const std::string& user_id, Role* role) const {
  return desk->RoleOf(channel, user_id, role);
}

Status Services::Open(const Config& config, std::unique_ptr<Services>* out) {
  auto s = std::make_unique<Services>();
  s->config = config;
  Status st = SecretKey::LoadOrCreate(config.secret_key_file, &s->key);
  if (!st.ok()) return st;
  DatabaseOptions db_options;
  db_options.path = config.db_path;
  db_options.background_checkpoint = std::chrono::milliseconds(500);
  db_options.update_key_digest = [key = s->key](const std::string& channel, const std::string& id) {
    return UpdateKeyDigest(key, channel, id);
  };
  st = Database::Open(db_options, &s->db);
  if (!st.ok()) return Status::IoError("NETRA_DB: " + st.message());
  std::shared_ptr<const Answerer> answerer;
  st = LoadAnswerer(config.kb_dir, &answerer);
  if (!st.ok()) return Status::InvalidArgument("NETRA_KB_DIR: " + st.message());
  s->answerer.Set(std::move(answerer));
  st = LoadScript(config.dialogs_dir, &s->script);
  if (!st.ok()) return st;

  s->sessions = std::make_unique<SqliteSessionStore>(s->db.get());
  TipStoreOptions tip_options;
  tip_options.retention_days = config.retention_days;
  s->tips = std::make_unique<SqliteTipStore>(s->db.get(), s->key, tip_options);
  s->questions = std::make_unique<SqliteQuestionLog>(s->db.get());
  s->feedback = std::make_unique<SqliteFeedbackStore>(s->db.get());
  s->desk = std::make_unique<SqliteDeskStore>(s->db.get(), s->key);
  // NETRA_REVIEWERS are the first admins; admins add the others by chat or command line.
  for (const auto& r : config.reviewers) {
    Role role = Role::kNone;
    st = s->desk->RoleOf(r.channel, r.id, &role);
    if (!st.ok()) return st;
    if (role != Role::kAdmin) {
      st = s->desk->AddReviewer({r.channel, r.id, Role::kAdmin}, "config", s->clock.NowSeconds());
      if (!st.ok()) return st;
    }
  }
  DialogDeps deps{&s->script,         &s->answerer,      s->sessions.get(), s->tips.get(),
                  s->questions.get(), s->feedback.get(), &s->clock,         s->desk.get()};
  DialogEngineOptions engine_options;
  engine_options.session_timeout_seconds = config.session_timeout.count();
  s->engine = std::make_unique<DialogEngine>(deps, engine_options);
  *out = std::move(s);
  return Status::Ok();
}

}  // namespace netra
