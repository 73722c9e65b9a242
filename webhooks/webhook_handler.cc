#include "webhooks/webhook_handler.h"

#include "bot/write_transaction.h"

#include "bot/crypto.h"
#include "bot/pseudonym.h"
#include "webhooks/telegram.h"
#include "webhooks/whatsapp.h"

namespace netra {
namespace {

WebhookResponse Json(int status, const std::string& message) {
  return {status, nlohmann::json{{status < 400 ? "result" : "error", message}}.dump()};
}

}  // namespace

WebhookHandler::WebhookHandler(Services* services, Outbox* outbox, OutboxSender* sender, Metrics* metrics,
                               Logger* logger)
    : services_(services), outbox_(outbox), sender_(sender), metrics_(metrics), logger_(logger) {
  metrics_->Describe("netra_updates_total", "counter", "Inbound updates by channel and outcome.");
}

void WebhookHandler::Register(HttpServer* http) {
  auto reply = [](httplib::Response& res, const WebhookResponse& r) {
    res.status = r.status;
    res.set_content(r.body, r.status == 200 && r.body.find('{') != 0 ? "text/plain" : "application/json");
  };
  if (services_->config.telegram_enabled()) {
    http->Post("/webhook/telegram", [this, reply](const httplib::Request& req, httplib::Response& res) {
      reply(res, Telegram(req.get_header_value("X-Telegram-Bot-Api-Secret-Token"), req.body));
    });
  }
  if (services_->config.whatsapp_enabled()) {
    http->Get("/webhook/whatsapp", [this, reply](const httplib::Request& req, httplib::Response& res) {
      reply(res, WhatsAppVerify(req.get_param_value("hub.mode"), req.get_param_value("hub.verify_token"),
                                req.get_param_value("hub.challenge")));
    });
    http->Post("/webhook/whatsapp", [this, reply](const httplib::Request& req, httplib::Response& res) {
      reply(res, WhatsApp(req.get_header_value("X-Hub-Signature-256"), req.body));
    });
  }
}

void WebhookHandler::Count(const std::string& channel, const std::string& outcome) {
  metrics_->Increment("netra_updates_total", {{"channel", channel}, {"outcome", outcome}});
}

WebhookResponse WebhookHandler::Telegram(const std::string& secret_header, const std::string& body) {
  if (!ConstantTimeEquals(secret_header, services_->config.telegram_secret)) {
    Count("telegram", "forged");
    return Json(401, "bad secret token");
  }
  nlohmann::json update = nlohmann::json::parse(body, nullptr, false);
  ChannelUpdate u;
  if (update.is_discarded() || !ParseTelegramUpdate(update, &u).ok()) {
    Count("telegram", "malformed");
    return Json(400, "malformed update");
  }
  bool duplicate = false;
  Status s = Process("telegram", u, &duplicate);
  if (!s.ok()) {
    Count("telegram", "error");
    logger_->Error("update_failed", {{"channel", "telegram"}, {"error", s.message()}});
    return Json(s.code() == Status::Code::kBusy ? 503 : 500, "try again");
  }
  Count("telegram", duplicate ? "duplicate" : u.kind == ChannelUpdate::Kind::kIgnored ? "ignored" : "processed");
  sender_->Wake();
  return Json(200, "ok");
}

WebhookResponse WebhookHandler::WhatsAppVerify(const std::string& mode, const std::string& token,
                                               const std::string& challenge) {
  if (mode != "subscribe" || !ConstantTimeEquals(token, services_->config.whatsapp_verify_token)) {
    Count("whatsapp", "verify_refused");
    return Json(403, "verification refused");
  }
  return {200, challenge};
}

WebhookResponse WebhookHandler::WhatsApp(const std::string& signature_header, const std::string& body) {
  const std::string prefix = "sha256=";
  std::string expected = prefix + ToHex(HmacSha256(services_->config.whatsapp_app_secret, body));
  std::string given = signature_header;
  for (size_t i = prefix.size(); i < given.size(); ++i) given[i] = static_cast<char>(std::tolower(given[i]));
  if (!ConstantTimeEquals(given, expected)) {
    Count("whatsapp", "forged");
    return Json(401, "bad signature");
  }
  nlohmann::json notification = nlohmann::json::parse(body, nullptr, false);
  std::vector<ChannelUpdate> updates;
  if (notification.is_discarded() || !ParseWhatsAppNotification(notification, &updates).ok()) {
    Count("whatsapp", "malformed");
    return Json(400, "malformed notification");
  }
  for (const auto& u : updates) {
    if (u.kind == ChannelUpdate::Kind::kStatus) {
      Count("whatsapp", "status_" + (u.status.empty() ? std::string("unknown") : u.status));
      continue;
    }
    bool duplicate = false;
    Status s = Process("whatsapp", u, &duplicate);
    if (!s.ok()) {
      Count("whatsapp", "error");
      logger_->Error("update_failed", {{"channel", "whatsapp"}, {"error", s.message()}});
      return Json(s.code() == Status::Code::kBusy ? 503 : 500, "try again");
    }
    Count("whatsapp", duplicate ? "duplicate" : u.kind == ChannelUpdate::Kind::kIgnored ? "ignored" : "processed");
  }
  sender_->Wake();
  return Json(200, "ok");
}

Status WebhookHandler::Process(const std::string& channel, const ChannelUpdate& u, bool* duplicate) {
  Database& db = *services_->db;
  std::lock_guard<FairMutex> turn(turns_);
  auto lock = db.Lock();
  try {
    WriteTransaction tx(db);
    int64_t now = services_->clock.NowSeconds();
    auto seen = db.Prepare("INSERT OR IGNORE INTO processed_update (channel, update_key, processed_at) VALUES (?, ?, ?)");
    seen->bind(1, channel);
    seen->bind(2, u.update_key);
    seen->bind(3, now);
    if (seen->exec() == 0) {
      *duplicate = true;
      return Status::Ok();
    }
    if (u.kind == ChannelUpdate::Kind::kMessage) {
      InboundMessage m = u.message;
      m.channel = channel;
      m.user_key = Pseudonym(services_->key, channel, u.user_id);
      m.reply_address = channel + ":" + u.address;
      m.reviewer = services_->IsReviewer(channel, u.user_id);
      if (m.reviewer) m.staff_id = channel + ":" + u.user_id;
      if (!u.callback_query_id.empty()) {
        outbox_->Enqueue(channel, u.address, "answerCallbackQuery", {{"callback_query_id", u.callback_query_id}}, now);
      }
      std::vector<Reply> replies;
      Status s = services_->engine->Handle(m, &replies);
      if (!s.ok()) return s;
      for (const auto& r : replies) {
        // A reply to someone else (a tipster's sealed route, a reviewer) goes to that channel.
        std::string to_channel = channel, to_address = u.address;
        if (!r.to.empty()) {
          size_t colon = r.to.find(':');
          to_channel = r.to.substr(0, colon);
          to_address = colon == std::string::npos ? "" : r.to.substr(colon + 1);
          if (!services_->config.channel_enabled(to_channel) || to_address.empty()) continue;  // off here
        }
        outbox_->EnqueueReply(to_channel, to_address, r, now);
      }
    }
    tx.Commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(e);
  }
}

}  // namespace netra
