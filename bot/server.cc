#include "bot/server.h"

#include "privacy/evidence_ref.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "version.h"
#include "webhooks/telegram/telegram_channel.h"
#include "webhooks/whatsapp/whatsapp_channel.h"

namespace netra {
namespace {

// Below this much free space on the database's disk, /healthz reports unhealthy.
constexpr unsigned long long kMinFreeDiskBytes = 8ull << 20;

}  // namespace

Server::InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

Status Server::InstanceLock::Acquire(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0600);  // flock needs no write access
  if (fd_ < 0) return Status::IoError("NETRA_DB: cannot open lock file " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK) {
      return Status::Busy("NETRA_DB: another netra serve is already using this database (lock " + path +
                          " is held); stop it first");
    }
    return Status::IoError("NETRA_DB: cannot lock " + path + ": " + std::strerror(err));
  }
  return Status::Ok();
}

Server::Server(const Config& config, Logger* logger) : config_(config), logger_(logger) {}

Status Server::Create(const Config& config, Logger* logger, std::unique_ptr<Server>* out,
                      std::unique_ptr<ProviderClient> provider) {
  std::unique_ptr<Server> server(new Server(config, logger));
  Status s;
  if (config.db_path != ":memory:") {
    s = server->instance_lock_.Acquire(config.db_path + ".lock");
    if (!s.ok()) return s;
  }
  s = Services::Open(config, &server->services_);
  if (!s.ok()) return s;

  HttpServerOptions http;
  http.host = config.listen_host;
  http.port = config.listen_port;
  http.max_body_bytes = config.max_body_bytes;
  http.tls_cert = config.tls_cert;
  http.tls_key = config.tls_key;
  server->http_ = std::make_unique<HttpServer>(http, &server->metrics_, logger);
  server->provider_ = provider ? std::move(provider) : std::make_unique<HttpProviderClient>();
  server->channel_objects_ = EnabledChannels(config, server->provider_.get());
  for (const auto& c : server->channel_objects_) server->channels_.push_back(c.get());
  const std::vector<Channel*>& channels = server->channels_;
  server->outbox_ = std::make_unique<Outbox>(server->services_->db.get(), server->services_->key, channels);
  server->sender_ = std::make_unique<OutboxSender>(server->outbox_.get(), channels, OutboxSenderOptions{},
                                                   &server->metrics_, logger);
  EvidenceCollectorOptions evidence;
  evidence.evidence_dir = config.evidence_dir;
  evidence.ref_key = EvidenceRefKey(server->services_->key);
  server->evidence_ = std::make_unique<EvidenceCollector>(server->services_->db.get(), channels, evidence,
                                                          &server->metrics_, logger);
  JanitorOptions chores;
  chores.channel_enabled = [channels](const std::string& channel) { return FindChannel(channels, channel) != nullptr; };
  chores.texts = &server->services_->script.texts;
  server->janitor_ = std::make_unique<Janitor>(server->services_->db.get(), server->services_->desk.get(),
                                               server->outbox_.get(), chores, logger);
  WebhookHandlerOptions webhook_options;
  webhook_options.update_budget = config.update_budget;
  server->webhooks_ = std::make_unique<WebhookHandler>(
      WebhookDepsFor(server->services_.get(), channels, server->outbox_.get(), server->sender_.get(),
                     &server->metrics_, logger),
      webhook_options);
  server->RegisterRoutes();
  server->RegisterWebhookRoutes();
  *out = std::move(server);
  return Status::Ok();
}

std::vector<std::unique_ptr<Channel>> EnabledChannels(const Config& config, ProviderClient* client) {
  TelegramOptions telegram;
  telegram.api = config.telegram_api;
  telegram.token = config.telegram_token;
  telegram.secret = config.telegram_secret;
  WhatsAppOptions whatsapp;
  whatsapp.api = config.whatsapp_api;
  whatsapp.token = config.whatsapp_token;
  whatsapp.phone_id = config.whatsapp_phone_id;
  whatsapp.app_secret = config.whatsapp_app_secret;
  whatsapp.verify_token = config.whatsapp_verify_token;
  std::vector<std::unique_ptr<Channel>> all;
  all.push_back(std::make_unique<TelegramChannel>(telegram, client));
  all.push_back(std::make_unique<WhatsAppChannel>(whatsapp, client));
  std::vector<std::unique_ptr<Channel>> enabled;
  for (auto& c : all) {
    if (config.channel_enabled(c->name())) enabled.push_back(std::move(c));
  }
  return enabled;
}

WebhookHandlerDeps WebhookDepsFor(Services* services, std::vector<Channel*> channels, Outbox* outbox,
                                  OutboxSender* sender, Metrics* metrics, Logger* logger) {
  WebhookHandlerDeps deps;
  deps.channels = std::move(channels);
  deps.db = services->db.get();
  deps.key = &services->key;
  deps.clock = &services->clock;
  deps.engine = services->engine.get();
  deps.outbox = outbox;
  deps.sender = sender;
  deps.metrics = metrics;
  deps.logger = logger;
  deps.role_of = [services](const std::string& channel, const std::string& id, Role* role) {
    return services->RoleOf(channel, id, role);
  };
  auto text = services->script.texts.find("update_failed");
  if (text != services->script.texts.end()) deps.update_failed_text = text->second;
  return deps;
}

void Server::RegisterWebhookRoutes() {
  auto reply = [](httplib::Response& res, const WebhookResponse& r) {
    res.status = r.status;
    res.set_content(r.body, r.status == 200 && r.body.find('{') != 0 ? "text/plain" : "application/json");
  };
  auto request = [](const httplib::Request& req) {
    return WebhookRequest{[&req](const std::string& name) { return req.get_header_value(name); },
                          [&req](const std::string& name) { return req.get_param_value(name); }, req.body};
  };
  WebhookHandler* handler = webhooks_.get();
  for (Channel* channel : channels_) {
    ChannelRoute route = channel->route();
    std::string name = channel->name();
    if (route.subscription_get) {
      http_->Get(route.path, [handler, reply, request, name](const httplib::Request& req, httplib::Response& res) {
        reply(res, handler->Subscribe(name, request(req)));
      });
    }
    http_->Post(route.path, [handler, reply, request, name](const httplib::Request& req, httplib::Response& res) {
      reply(res, handler->Post(name, request(req)));
    });
  }
}

void Server::RegisterRoutes() {
  metrics_.Describe("netra_build_info", "gauge", "Netra's version and commit.");
  metrics_.Set("netra_build_info", {{"version", kVersion}, {"commit", kGitCommit}}, 1);
  metrics_.Describe("netra_knowledge_entries", "gauge", "Entries in the knowledge base now serving.");
  metrics_.Set("netra_knowledge_entries", {}, static_cast<double>(services_->answerer.Get()->kb().entries().size()));
  metrics_.Describe("netra_knowledge_reloads_total", "counter", "Knowledge base reloads by result.");

  http_->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    Status db = CheckHealth();
    nlohmann::json body = {{"status", db.ok() ? "ok" : "unavailable"},
                           {"database", db.ok() ? "ok" : db.message()},
                           {"knowledge_entries", services_->answerer.Get()->kb().entries().size()},
                           {"version", kVersion}};
    res.status = db.ok() ? 200 : 503;
    res.set_content(body.dump(), "application/json");
  });
  http_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics_.RenderPrometheus(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

Status Server::CheckHealth() {
  Database* db = services_->db.get();
  Status s = db->Ping();
  if (!s.ok()) return s;
  {
    auto lock = db->Lock();
    if (sqlite3_db_readonly(db->sql().getHandle(), "main") == 1) return Status::IoError("database is read-only");
    try {
      db->sql().exec("BEGIN IMMEDIATE");
      db->sql().exec("ROLLBACK");
    } catch (const SQLite::Exception& e) {
      if (sqlite3_get_autocommit(db->sql().getHandle()) == 0) {
        try {
          db->sql().exec("ROLLBACK");
        } catch (const SQLite::Exception&) {
        }
      }
      return StatusFromSqlite(e);
    }
  }
  std::filesystem::path dir = std::filesystem::absolute(config_.db_path).parent_path();
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) == 0) {
    unsigned long long free_bytes = static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize;
    if (free_bytes < kMinFreeDiskBytes) {
      return Status::IoError("disk almost full: " + std::to_string(free_bytes >> 10) + " KiB free");
    }
  }
  return Status::Ok();
}

void Server::Run() {
  sender_->Start();
  evidence_->Start();
  janitor_->Start([this] { sender_->Wake(); });
  http_->Run();
  janitor_->Stop();
  evidence_->Stop();
  sender_->Stop();
}

Status Server::ReloadKnowledge() {
  std::shared_ptr<const Answerer> answerer;
  Status s = LoadAnswerer(config_.kb_dir, &answerer);
  if (!s.ok()) {
    metrics_.Increment("netra_knowledge_reloads_total", {{"result", "refused"}});
    logger_->Error("knowledge_reload_refused", {{"error", s.message()}});
    return s;
  }
  size_t n = answerer->kb().entries().size();
  services_->answerer.Set(std::move(answerer));
  metrics_.Increment("netra_knowledge_reloads_total", {{"result", "ok"}});
  metrics_.Set("netra_knowledge_entries", {}, static_cast<double>(n));
  logger_->Info("knowledge_reloaded", {{"entries", n}});
  return Status::Ok();
}

std::string Server::StartupHint() const {
  std::string base = std::string(config_.tls_cert.empty() ? "http://" : "https://") + config_.listen_host + ":" +
                     std::to_string(http_->port());
  std::string out = "netra " + std::string(kVersion) + " listening on " + base + "\n";
  out += "  database: " + config_.db_path + "\n";
  for (const Channel* channel : channels_) {
    ChannelRoute route = channel->route();
    out += "  " + channel->name() + ": on (" + (route.subscription_get ? "GET/POST " : "POST ") + route.path + ")\n";
  }
  // The settings that turn a channel on are the configuration's (bot/config.cc).
  if (!config_.telegram_enabled()) out += "  telegram: off (set NETRA_TELEGRAM_TOKEN and NETRA_TELEGRAM_SECRET)\n";
  if (!config_.whatsapp_enabled()) {
    out += "  whatsapp: off (set NETRA_WHATSAPP_TOKEN, NETRA_WHATSAPP_APP_SECRET, NETRA_WHATSAPP_VERIFY_TOKEN, "
           "NETRA_WHATSAPP_PHONE_ID)\n";
  }
  out += "  try it: curl " + base + "/healthz   |   netra ask \"bolehkah pns like postingan paslon?\"   |   netra chat\n";
  out += "  stop with Ctrl-C (SIGINT) or SIGTERM; SIGHUP reloads the knowledge base\n";
  return out;
}

}  // namespace netra
