#include "webhooks/outbox_sender.h"

#include <chrono>
#include <fstream>
#include <random>

namespace netra {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SendOutcome ClassifyResponse(const std::string& channel, const ProviderResponse& r) {
  SendOutcome out;
  if (r.status == 0) {
    out.error = "network: " + r.error;
    return out;  // retry with backoff
  }
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status >= 200 && r.status < 300) {
    if (channel == "telegram" && body.is_object() && body.value("ok", true) == false) {
      out.kind = SendOutcome::Kind::kFailed;
      out.error = "telegram: " + body.value("description", "not ok");
      return out;
    }
    out.kind = SendOutcome::Kind::kDelivered;
    return out;
  }
  if (r.status == 429) {
    out.error = "rate_limited";
    if (body.is_object() && body.contains("parameters") && body["parameters"].is_object()) {
      out.retry_after_seconds = body["parameters"].value("retry_after", int64_t{0});
    }
    if (out.retry_after_seconds == 0 && !r.retry_after.empty()) {
      out.retry_after_seconds = std::strtoll(r.retry_after.c_str(), nullptr, 10);
    }
    return out;
  }
  if (r.status >= 500 || r.status == 408) {
    out.error = "http " + std::to_string(r.status);
    return out;
  }
  out.kind = SendOutcome::Kind::kFailed;  // 400 bad request, 401/403 blocked or bad token, 404
  out.error = "http " + std::to_string(r.status);
  return out;
}

OutboxSender::OutboxSender(Outbox* outbox, ProviderClient* client, OutboxSenderOptions options, Metrics* metrics,
                           Logger* logger)
    : outbox_(outbox), client_(client), options_(std::move(options)), metrics_(metrics), logger_(logger) {
  metrics_->Describe("netra_outbox_sends_total", "counter", "Delivery attempts by channel and result.");
  metrics_->Describe("netra_outbox_send_failures_total", "counter", "Failed deliveries by channel and kind.");
  metrics_->Describe("netra_outbox_pending", "gauge", "Messages waiting in the outbox.");
  metrics_->Describe("netra_outbox_oldest_age_seconds", "gauge", "Age of the oldest waiting message.");
}

OutboxSender::~OutboxSender() { Stop(); }

void OutboxSender::Start() {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this] { Loop(); });
}

void OutboxSender::Stop() {
  if (!running_.exchange(false)) return;
  Wake();
  if (thread_.joinable()) thread_.join();
}

void OutboxSender::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  cv_.notify_one();
}

void OutboxSender::Loop() {
  while (running_) {
    size_t n = DrainOnce();
    if (n > 0) continue;
    // Nothing could go (empty, or held back by rate limits): pause at least a little, so a stream
    // of wake-ups under load does not turn into a stream of outbox scans.
    std::this_thread::sleep_for(std::chrono::milliseconds(options_.min_idle_pause_ms));
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return wake_ || !running_; });
    wake_ = false;
  }
}

int64_t OutboxSender::Backoff(int attempts) const {
  static thread_local std::mt19937 rng(std::random_device{}());
  double base = std::min<double>(static_cast<double>(options_.max_backoff_seconds), std::pow(2.0, attempts));
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  return std::max<int64_t>(1, static_cast<int64_t>(base * jitter(rng)));
}

SendOutcome OutboxSender::Deliver(const OutboxMessage& m) {
  nlohmann::json body = m.payload;
  ProviderResponse r;
  if (body.contains("file_path")) {
    // An evidence file for a reviewer: upload it from disk.
    std::ifstream in(body.value("file_path", ""), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && bytes.empty()) return {SendOutcome::Kind::kFailed, 0, "evidence file missing"};
    std::string mime = body.value("mime", "application/octet-stream");
    std::string name = "bukti" + std::string(mime == "image/png" ? ".png" : mime == "image/jpeg" ? ".jpg" : "");
    if (m.channel == "telegram") {
      std::string field = m.method == "sendPhoto" ? "photo" : "document";
      r = client_->PostFile(options_.telegram_api, "/bot" + options_.telegram_token + "/" + m.method,
                            {{"chat_id", m.destination}, {"caption", body.value("caption", "")}}, field, name, mime, bytes, "");
      return ClassifyResponse(m.channel, r);
    }
    r = client_->PostFile(options_.whatsapp_api, "/" + options_.whatsapp_phone_id + "/media",
                          {{"messaging_product", "whatsapp"}, {"type", mime}}, "file", name, mime, bytes,
                          options_.whatsapp_token);
    nlohmann::json uploaded = nlohmann::json::parse(r.body, nullptr, false);
    if (r.status != 200 || !uploaded.is_object() || !uploaded.contains("id")) return ClassifyResponse(m.channel, r);
    std::string type = m.method == "upload:image" ? "image" : "document";
    nlohmann::json message = {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"},
                              {"to", m.destination}, {"type", type},
                              {type, {{"id", uploaded["id"]}, {"caption", body.value("caption", "")}}}};
    r = client_->PostJson(options_.whatsapp_api, "/" + options_.whatsapp_phone_id + "/messages", message,
                          options_.whatsapp_token);
    return ClassifyResponse(m.channel, r);
  }
  if (m.channel == "telegram") {
    if (m.method != "answerCallbackQuery") body["chat_id"] = m.destination;
    r = client_->PostJson(options_.telegram_api, "/bot" + options_.telegram_token + "/" + m.method, body, "");
  } else {
    body["to"] = m.destination;
    r = client_->PostJson(options_.whatsapp_api, "/" + options_.whatsapp_phone_id + "/messages", body,
                          options_.whatsapp_token);
  }
  return ClassifyResponse(m.channel, r);
}

size_t OutboxSender::DrainOnce() {
  int64_t now_ms = NowMs();
  int64_t now_s = now_ms / 1000;
  std::vector<OutboxMessage> due;
  if (!outbox_->Due(now_ms, options_.batch, &due).ok()) return 0;
  if (now_ms - depth_checked_ms_ >= 1000) {  // a full count, so at most once a second
    depth_checked_ms_ = now_ms;
    int64_t pending = 0, oldest = 0;
    if (outbox_->Depth(now_s, &pending, &oldest).ok()) {
      metrics_->Set("netra_outbox_pending", {}, static_cast<double>(pending));
      metrics_->Set("netra_outbox_oldest_age_seconds", {}, static_cast<double>(oldest));
    }
  }
  // Gate by the Telegram rate limits, then send the batch (one message per chat) in parallel.
  std::vector<const OutboxMessage*> batch;
  std::erase_if(telegram_window_ms_, [&](int64_t t) { return now_ms - t >= 1000; });
  for (const auto& m : due) {
    if (m.channel == "telegram") {
      bool is_message = m.method != "answerCallbackQuery";
      auto last = last_sent_ms_.find(m.chat_key);
      if (is_message && last != last_sent_ms_.end() && now_ms - last->second < options_.telegram_chat_interval_ms) {
        continue;
      }
      if (static_cast<int>(telegram_window_ms_.size()) >= options_.telegram_per_second) continue;
      telegram_window_ms_.push_back(now_ms);
      if (is_message) last_sent_ms_[m.chat_key] = now_ms;
    }
    batch.push_back(&m);
  }
  std::vector<SendOutcome> outcomes(batch.size());
  std::vector<std::thread> workers;
  for (size_t i = 0; i < batch.size(); ++i) {
    workers.emplace_back([&, i] { outcomes[i] = Deliver(*batch[i]); });
  }
  for (auto& w : workers) w.join();
  for (size_t i = 0; i < batch.size(); ++i) {
    const OutboxMessage& m = *batch[i];
    const SendOutcome& o = outcomes[i];
    switch (o.kind) {
      case SendOutcome::Kind::kDelivered:
        metrics_->Increment("netra_outbox_sends_total", {{"channel", m.channel}, {"result", "delivered"}});
        outbox_->Delivered(m.id);
        break;
      case SendOutcome::Kind::kRetry: {
        bool exhausted = m.attempts + 1 >= options_.max_attempts;
        std::string kind = o.error == "rate_limited" ? "rate_limited" : "retry";
        metrics_->Increment("netra_outbox_send_failures_total", {{"channel", m.channel}, {"kind", exhausted ? "exhausted" : kind}});
        if (exhausted) {
          outbox_->Failed(m.id, o.error);
        } else {
          int64_t wait = o.retry_after_seconds > 0 ? o.retry_after_seconds : Backoff(m.attempts);
          outbox_->Retry(m.id, now_ms + wait * 1000, o.error);
        }
        break;
      }
      case SendOutcome::Kind::kFailed:
        metrics_->Increment("netra_outbox_send_failures_total", {{"channel", m.channel}, {"kind", "permanent"}});
        logger_->Warn("outbox_send_failed", {{"channel", m.channel}, {"error", o.error}});
        outbox_->Failed(m.id, o.error);
        break;
    }
  }
  if (last_sent_ms_.size() > 100000) last_sent_ms_.clear();
  return batch.size();
}

}  // namespace netra
