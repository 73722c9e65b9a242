// Server: `netra serve` — the database, the knowledge base, the HTTP routes and their metrics,
// wired from a Config.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bot/config.h"
#include "bot/http_server.h"
#include "bot/janitor.h"
#include "base/logger.h"
#include "base/metrics.h"
#include "bot/services.h"
#include "webhooks/channel/channel.h"
#include "webhooks/delivery/evidence_collector.h"
#include "webhooks/delivery/outbox.h"
#include "webhooks/delivery/outbox_sender.h"
#include "webhooks/channel/provider_client.h"
#include "webhooks/webhook_handler.h"

namespace netra {

class Server {
 public:
  // Takes the database's instance lock (<NETRA_DB>.lock, held until the Server is destroyed),
  // opens the services (database, key, knowledge base, dialogs) and registers the routes.
  // Returns OK and sets *server on success; Busy when another process holds the lock; the first
  // error (naming its setting) otherwise.
  static Status Create(const Config& config, Logger* logger, std::unique_ptr<Server>* server,
                       std::unique_ptr<ProviderClient> provider = nullptr);

  // Binds the listening socket. Returns OK on success; IoError when the address is unusable.
  Status Bind() { return http_->Bind(); }
  int port() const { return http_->port(); }
  // Serves until Stop(); in-flight requests finish before it returns, then the outbox sender
  // stops after the deliveries in flight.
  void Run();
  void Stop() { http_->Stop(); }

  // Reloads the knowledge base; on error the old base keeps serving.
  // Returns OK on success; the load or lint error otherwise.
  Status ReloadKnowledge();

  // Lines that tell an operator what is on and how to talk to Netra.
  std::string StartupHint() const;

  Metrics& metrics() { return metrics_; }

  // What /healthz checks: the database file is in place and a write transaction can begin, and
  // its disk has room. Returns OK when so; IoError or Busy naming the problem otherwise.
  Status CheckHealth();

 private:
  Server(const Config& config, Logger* logger);
  void RegisterRoutes();
  // The webhook routes of every enabled channel, as each channel describes them.
  void RegisterWebhookRoutes();

  // An flock held on a file for the object's lifetime.
  class InstanceLock {
   public:
    InstanceLock() = default;
    ~InstanceLock();
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;
    // Returns OK once the lock on `path` is held; Busy when another holder has it; IoError otherwise.
    Status Acquire(const std::string& path);

   private:
    int fd_ = -1;
  };

  InstanceLock instance_lock_;  // first in, last out: outlives the database
  Config config_;
  Logger* logger_;
  Metrics metrics_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<ProviderClient> provider_;
  std::vector<std::unique_ptr<Channel>> channel_objects_;  // the enabled channels
  std::vector<Channel*> channels_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<OutboxSender> sender_;
  std::unique_ptr<EvidenceCollector> evidence_;
  std::unique_ptr<Janitor> janitor_;
  std::unique_ptr<WebhookHandler> webhooks_;
};

// The channels whose credentials `config` gives, each built from its own options, sending and
// fetching through `client` (which outlives them).
std::vector<std::unique_ptr<Channel>> EnabledChannels(const Config& config, ProviderClient* client);

// What the webhook handler needs from the running services. `sender` may be null.
WebhookHandlerDeps WebhookDepsFor(Services* services, std::vector<Channel*> channels, Outbox* outbox,
                                  OutboxSender* sender, Metrics* metrics, Logger* logger);

}  // namespace netra
