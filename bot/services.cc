#include "bot/services.h"

namespace netra {

Status LoadScript(const std::string& dir, Script* script) {
  Status s = Script::Load(dir, script);
  if (!s.ok()) return Status::InvalidArgument("NETRA_DIALOGS_DIR: " + s.message());
  std::vector<std::string> problems = LintScript(*script, DialogEngine::ActionNames());
  if (!problems.empty()) {
    return Status::InvalidArgument("NETRA_DIALOGS_DIR: dialog scripts in " + dir + " fail lint (" +
                                   std::to_string(problems.size()) + " problems), first: " + problems.front());
  }
  return Status::Ok();
}

Status Services::Open(const Config& config, std::unique_ptr<Services>* out) {
  auto s = std::make_unique<Services>();
  s->config = config;
  Status st = SecretKey::LoadOrCreate(config.secret_key_file, &s->key);
  if (!st.ok()) return st;
  DatabaseOptions db_options;
  db_options.path = config.db_path;
  db_options.background_checkpoint = std::chrono::milliseconds(500);
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
  DialogDeps deps{&s->script,          &s->answerer,     s->sessions.get(), s->tips.get(),
                  s->questions.get(),  s->feedback.get(), &s->clock};
  DialogEngineOptions engine_options;
  engine_options.session_timeout_seconds = config.session_timeout.count();
  s->engine = std::make_unique<DialogEngine>(deps, engine_options);
  *out = std::move(s);
  return Status::Ok();
}

}  // namespace netra
