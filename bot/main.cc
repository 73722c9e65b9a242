// netra: the one binary. Subcommands follow the interface contract in shared/spec/PRODUCT.md.
#include <CLI/CLI.hpp>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <thread>

#include "bot/config.h"
#include "storage/audit_chain.h"
#include "privacy/pseudonym.h"
#include "bot/server.h"
#include "bot/services.h"
#include "bot/terminal_chat.h"
#include "knowledge/answerer_holder.h"
#include "knowledge/eval.h"
#include "knowledge/lint.h"
#include "version.h"
#include "webhooks/channel/provider_client.h"

namespace netra {
namespace {

constexpr int kExitUsage = 2;

int Fail(const Status& s) {
  std::cerr << "netra: " << s.message() << "\n";
  return 1;
}

Status LoadConfigFrom(const std::string& config_file, Config* config) {
  std::string file = config_file;
  auto env = NetraEnvironment();
  if (file.empty()) {
    auto it = env.find("NETRA_CONFIG");
    if (it != env.end()) file = it->second;
  }
  return LoadConfig(file, env, config);
}

int Serve(const Config& config) {
  // Signals are taken by one thread with sigwait; block them before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Logger logger(&std::cerr);
  std::unique_ptr<Server> server;
  Status s = Server::Create(config, &logger, &server);
  if (!s.ok()) return Fail(s);
  s = server->Bind();
  if (!s.ok()) return Fail(s);
  std::cout << server->StartupHint() << std::flush;
  logger.Info("server_started", {{"port", server->port()},
                                 {"telegram", config.telegram_enabled()},
                                 {"whatsapp", config.whatsapp_enabled()}});

  // After SIGINT or SIGTERM, requests being handled get kStopDeadline to finish; a handler that
  // hangs past it must not keep the process alive, so it then exits non-zero at once.
  constexpr auto kStopDeadline = std::chrono::seconds(10);
  std::thread signal_thread([&] {
    bool stopping = false;
    auto deadline = std::chrono::steady_clock::now();
    for (;;) {
      int sig = 0;
      if (!stopping) {
        if (sigwait(&signals, &sig) != 0) continue;
      } else {
        auto left = deadline - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) {
          logger.Error("server_stop_timeout", {{"seconds", kStopDeadline.count()}});
          std::_Exit(3);
        }
        auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
        timespec wait{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
        sig = sigtimedwait(&signals, nullptr, &wait);
        if (sig < 0) continue;
      }
      if (sig == SIGUSR1) return;  // Run ended
      if (sig == SIGHUP) {
        // A refused reload is logged and counted by the server; the old base keeps serving.
        if (!stopping) static_cast<void>(server->ReloadKnowledge());
        continue;
      }
      if (stopping) continue;
      logger.Info("server_stopping", {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
      server->Stop();
      stopping = true;
      deadline = std::chrono::steady_clock::now() + kStopDeadline;
    }
  });
  server->Run();
  server->Stop();
  pthread_kill(signal_thread.native_handle(), SIGUSR1);  // wakes the signal thread
  signal_thread.join();
  server.reset();  // closes the database
  logger.Info("server_stopped");
  return 0;
}

void PrintAnswer(const Answerer& answerer, const std::string& question, bool json, bool explain) {
  Answer a = answerer.Ask(question);
  if (json || explain) {
    nlohmann::json j = AnswerToJson(a, &answerer.kb().law());
    if (explain) j["explain"] = answerer.Explain(question);
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << a.text << "\n";
  }
}

int Ask(const Config& config, const std::vector<std::string>& words, bool json, bool jsonl, bool explain) {
  std::shared_ptr<const Answerer> answerer;
  Status s = LoadAnswerer(config.kb_dir, &answerer);
  if (!s.ok()) return Fail(s);
  if (jsonl) {
    std::string line;
    while (std::getline(std::cin, line)) PrintAnswer(*answerer, line, true, explain);
    return 0;
  }
  std::string question;
  for (const auto& w : words) question += (question.empty() ? "" : " ") + w;
  if (question.empty()) {
    std::cerr << "netra ask: give a question, e.g. netra ask \"bolehkah pns ikut kampanye?\", or use --jsonl\n";
    return kExitUsage;
  }
  PrintAnswer(*answerer, question, json, explain);
  return 0;
}

int KbLint(const Config& config) {
  std::shared_ptr<const KnowledgeBase> kb;
  Status s = KnowledgeBase::Load(config.kb_dir, &kb);
  if (!s.ok()) return Fail(s);
  AnswerMessages messages;
  s = AnswerMessages::Load(config.kb_dir + "/messages.json", &messages);
  std::vector<std::string> problems = LintKnowledgeBase(*kb, messages);
  if (!s.ok()) problems.push_back(s.message());
  for (const auto& p : problems) std::cout << p << "\n";
  size_t review = 0;
  for (const auto& e : kb->entries()) review += e.review ? 1 : 0;
  std::cout << kb->entries().size() << " entries, " << kb->topics().size() << " topics, " << review
            << " marked for review, " << kb->law().quoted_count() << " quoted and " << kb->law().unquoted_count()
            << " unquoted articles: " << (problems.empty() ? "ok" : std::to_string(problems.size()) + " problems")
            << "\n";
  return problems.empty() ? 0 : 1;
}

int KbEval(const Config& config, const std::string& file, bool verbose) {
  std::shared_ptr<const Answerer> answerer;
  Status s = LoadAnswerer(config.kb_dir, &answerer);
  if (!s.ok()) return Fail(s);
  EvalReport report;
  s = EvaluateFile(*answerer, file, &report);
  if (!s.ok()) return Fail(s);
  std::cout << FormatEvalReport(report, verbose);
  return 0;
}

int Chat(const Config& config, bool reviewer) {
  std::unique_ptr<Services> services;
  Status s = Services::Open(config, &services);
  if (!s.ok()) return Fail(s);
  TerminalChatOptions options;
  options.reviewer = reviewer;
  options.user_key = Pseudonym(services->key, "terminal", reviewer ? "reviewer" : "user");
  options.texts = &services->script.texts;
  s = RunTerminalChat(*services->engine, std::cin, std::cout, options);
  return s.ok() ? 0 : Fail(s);
}

int KbUnanswered(const Config& config, size_t limit) {
  std::unique_ptr<Database> db;
  DatabaseOptions options;
  options.path = config.db_path;
  Status s = Database::Open(options, &db);
  if (!s.ok()) return Fail(s);
  SqliteQuestionLog log(db.get());
  std::vector<UnansweredQuestion> rows;
  s = log.MostFrequent(limit, &rows);
  if (!s.ok()) return Fail(s);
  for (const auto& r : rows) {
    time_t t = static_cast<time_t>(r.last_seen);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
    std::cout << r.count << "\t" << date << "\t" << r.example << "\n";
  }
  if (rows.empty()) std::cout << "no declined questions recorded in " << config.db_path << "\n";
  return 0;
}

int DialogsLint(const Config& config) {
  Script script;
  Status s = Script::Load(config.dialogs_dir, &script);
  if (!s.ok()) return Fail(s);
  std::vector<std::string> problems = DialogEngine::Lint(script);
  for (const auto& p : problems) std::cout << p << "\n";
  std::cout << script.states.size() << " states, " << script.commands.size()
            << " commands: " << (problems.empty() ? "ok" : std::to_string(problems.size()) + " problems") << "\n";
  return problems.empty() ? 0 : 1;
}

// Opens the database and the key alone, for command-line tools.
Status OpenStore(const Config& config, std::unique_ptr<Database>* db, SecretKey* key) {
  Status s = SecretKey::LoadOrCreate(config.secret_key_file, key);
  if (!s.ok()) return s;
  DatabaseOptions options;
  options.path = config.db_path;
  options.update_key_digest = [k = *key](const std::string& channel, const std::string& id) {
    return UpdateKeyDigest(k, channel, id);
  };
  return Database::Open(options, db);
}

int ReviewerCommand(const Config& config, const std::string& verb, const std::string& id, bool admin) {
  std::unique_ptr<Database> db;
  SecretKey key;
  Status s = OpenStore(config, &db, &key);
  if (!s.ok()) return Fail(s);
  SqliteDeskStore desk(db.get(), key);
  SystemClock clock;
  ChatAddress reviewer;
  if (verb != "list" && !ParseChatAddress(id, &reviewer)) {
    std::cerr << "netra: expected channel:user_id, e.g. telegram:1001\n";
    return kExitUsage;
  }
  if (verb == "add") {
    s = desk.AddReviewer({reviewer.channel, reviewer.id, admin ? Role::kAdmin : Role::kReviewer}, "cli", clock.NowSeconds());
  }
  if (verb == "remove") s = desk.RemoveReviewer(reviewer.channel, reviewer.id, "cli", clock.NowSeconds());
  if (!s.ok()) return Fail(s);
  std::vector<ReviewerRecord> all;
  s = desk.ListReviewers(&all);
  if (!s.ok()) return Fail(s);
  for (const auto& r : all) std::cout << r.channel << ":" << r.user_id << "\t" << RoleName(r.role) << "\n";
  return 0;
}

int AuditVerify(const Config& config) {
  std::unique_ptr<Database> db;
  SecretKey key;
  Status s = OpenStore(config, &db, &key);
  if (!s.ok()) return Fail(s);
  SqliteDeskStore desk(db.get(), key);
  int64_t entries = 0;
  s = VerifyAuditChain(*db, desk.audit_key(), &entries);
  if (!s.ok()) {
    std::cout << "audit log BROKEN: " << s.message() << "\n";
    return 1;
  }
  std::cout << "audit log intact: " << entries << " entries\n";
  return 0;
}

// Lists quarantined updates, newest first: channel, hour, kind, attempts, reason (no user text).
int QuarantineList(const Config& config) {
  std::unique_ptr<Database> db;
  SecretKey key;
  Status s = OpenStore(config, &db, &key);
  if (!s.ok()) return Fail(s);
  auto lock = db->Lock();
  try {
    SQLite::Statement q(db->sql(),
                        "SELECT channel, quarantined_at, kind, attempts, reason, update_key FROM quarantined_update "
                        "ORDER BY id DESC");
    int n = 0;
    while (q.executeStep()) {
      std::time_t at = q.getColumn(1).getInt64();
      std::tm utc{};
      gmtime_r(&at, &utc);
      std::cout << q.getColumn(0).getString() << "\t" << std::put_time(&utc, "%Y-%m-%dT%H:00Z") << "\t"
                << q.getColumn(2).getString() << "\t" << q.getColumn(3).getInt() << "\t"
                << q.getColumn(4).getString() << "\t" << q.getColumn(5).getString() << "\n";
      ++n;
    }
    std::cout << n << " quarantined update" << (n == 1 ? "" : "s") << "\n";
    return 0;
  } catch (const SQLite::Exception& e) {
    return Fail(StatusFromSqlite(e));
  }
}

int TelegramCall(const Config& config, const std::string& method, const nlohmann::json& body) {
  if (config.telegram_token.empty()) {
    std::cerr << "netra: NETRA_TELEGRAM_TOKEN is not set\n";
    return 1;
  }
  HttpProviderClient client;
  ProviderResponse r = client.PostJson(config.telegram_api, "/bot" + config.telegram_token + "/" + method, body, "");
  if (r.status == 0) {
    std::cerr << "netra: cannot reach " << config.telegram_api << ": " << r.error << "\n";
    return 1;
  }
  nlohmann::json answer = nlohmann::json::parse(r.body, nullptr, false);
  std::cout << (answer.is_discarded() ? r.body : answer.dump(2)) << "\n";
  return r.status == 200 && answer.is_object() && answer.value("ok", false) ? 0 : 1;
}

int TelegramSetWebhook(const Config& config, const std::string& url, int max_connections) {
  if (config.telegram_secret.empty()) {
    std::cerr << "netra: NETRA_TELEGRAM_SECRET is not set; Telegram must send it with every update\n";
    return 1;
  }
  nlohmann::json body = {{"url", url},
                         {"secret_token", config.telegram_secret},
                         {"max_connections", max_connections},
                         {"allowed_updates", {"message", "callback_query"}}};
  return TelegramCall(config, "setWebhook", body);
}

}  // namespace
}  // namespace netra

int main(int argc, char** argv) {
  using namespace netra;
  CLI::App app{"Netra: keeps Indonesian civil servants (ASN) neutral in elections, on Telegram and WhatsApp."};
  app.set_version_flag("--version", std::string("netra ") + kVersion + " (" + kGitCommit + ")");
  app.require_subcommand(1);
  std::string config_file;
  app.add_option("--config", config_file, "KEY=VALUE config file (the environment wins; also NETRA_CONFIG)");

  auto* serve = app.add_subcommand("serve", "Run the webhook server");
  std::string role;
  auto* chat = app.add_subcommand("chat", "Talk to the bot in the terminal");
  chat->add_option("--as", role, "Who you are: user (default) or reviewer")->check(CLI::IsMember({"user", "reviewer"}));

  auto* ask = app.add_subcommand("ask", "Answer one question from the knowledge base");
  std::vector<std::string> words;
  bool json = false, jsonl = false, explain = false;
  ask->add_option("question", words, "The question");
  ask->add_flag("--json", json, "Print one JSON object");
  ask->add_flag("--jsonl", jsonl, "Read one question per line on stdin, print one JSON object per line");
  ask->add_flag("--explain", explain, "Add how the question was understood (terms, best entries) to the JSON");

  auto* kb = app.add_subcommand("kb", "Knowledge base tools");
  kb->require_subcommand(1);
  auto* kb_lint = kb->add_subcommand("lint", "Validate the knowledge base");
  auto* kb_eval = kb->add_subcommand("eval", "Print accuracy on a question<TAB>topic file");
  std::string eval_file;
  bool eval_quiet = false;
  kb_eval->add_option("file", eval_file, "TSV with question and topic ('-' for out of scope)")->required();
  kb_eval->add_flag("--quiet", eval_quiet, "Print the summary without each miss");
  auto* kb_unanswered = kb->add_subcommand("unanswered", "List declined questions by frequency");
  size_t unanswered_limit = 50;
  kb_unanswered->add_option("--limit", unanswered_limit, "How many to list");

  auto* dialogs = app.add_subcommand("dialogs", "Dialog script tools");
  dialogs->require_subcommand(1);
  auto* dialogs_lint = dialogs->add_subcommand("lint", "Validate the dialog scripts");

  auto* reviewer = app.add_subcommand("reviewer", "Manage reviewers");
  reviewer->require_subcommand(1);
  std::string reviewer_id;
  bool reviewer_admin = false;
  auto* reviewer_add = reviewer->add_subcommand("add", "Add a reviewer (channel:user_id)");
  reviewer_add->add_option("id", reviewer_id, "telegram:1001 or whatsapp:6281200000000")->required();
  reviewer_add->add_flag("--admin", reviewer_admin, "May add and remove reviewers");
  auto* reviewer_list = reviewer->add_subcommand("list", "List reviewers");
  auto* reviewer_remove = reviewer->add_subcommand("remove", "Remove a reviewer (channel:user_id)");
  reviewer_remove->add_option("id", reviewer_id, "telegram:1001 or whatsapp:6281200000000")->required();

  auto* audit = app.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Verify the audit log's hash chain");

  auto* quarantine = app.add_subcommand("quarantine", "Updates that failed repeatedly");
  quarantine->require_subcommand(1);
  auto* quarantine_list = quarantine->add_subcommand("list", "List quarantined updates (no user text is kept)");

  auto* telegram = app.add_subcommand("telegram", "Telegram tools");
  telegram->require_subcommand(1);
  auto* tg_set = telegram->add_subcommand("set-webhook", "Register the webhook URL with Telegram");
  std::string webhook_url;
  int max_connections = 40;
  tg_set->add_option("url", webhook_url, "Public HTTPS URL ending in /webhook/telegram")->required();
  tg_set->add_option("--max-connections", max_connections, "Parallel connections Telegram may open (1-100)")
      ->check(CLI::Range(1, 100));
  auto* tg_info = telegram->add_subcommand("webhook-info", "Show Telegram's view of the webhook");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  Config config;
  Status s = LoadConfigFrom(config_file, &config);
  if (!s.ok()) {
    std::cerr << "netra: configuration error: " << s.message() << "\n";
    return 1;
  }
  if (serve->parsed()) return Serve(config);
  if (ask->parsed()) return Ask(config, words, json, jsonl, explain);
  if (kb_lint->parsed()) return KbLint(config);
  if (kb_eval->parsed()) return KbEval(config, eval_file, !eval_quiet);
  if (kb_unanswered->parsed()) return KbUnanswered(config, unanswered_limit);
  if (chat->parsed()) return Chat(config, role == "reviewer");
  if (dialogs_lint->parsed()) return DialogsLint(config);
  if (reviewer_add->parsed()) return ReviewerCommand(config, "add", reviewer_id, reviewer_admin);
  if (reviewer_list->parsed()) return ReviewerCommand(config, "list", "", false);
  if (reviewer_remove->parsed()) return ReviewerCommand(config, "remove", reviewer_id, false);
  if (audit_verify->parsed()) return AuditVerify(config);
  if (quarantine_list->parsed()) return QuarantineList(config);
  if (tg_set->parsed()) return TelegramSetWebhook(config, webhook_url, max_connections);
  if (tg_info->parsed()) return TelegramCall(config, "getWebhookInfo", nlohmann::json::object());
  return 0;
}
