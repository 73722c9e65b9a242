#include "webhooks/delivery/outbox_sender.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "base/periodic_worker.h"

namespace netra {
namespace {

using json = nlohmann::json;

// Provider text for logs and the outbox row: printable ASCII only, at most 160 bytes, and long
// digit runs (phone numbers, chat ids) masked.
std::string Clean(const std::string& text) {
  std::string out;
  size_t digits = 0;
  for (char c : text) {
    if (out.size() >= 160) break;
    bool printable = c >= 0x20 && c < 0x7f;
    out.push_back(printable ? c : '?');
    digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    if (digits >= 6) {
      for (size_t i = out.size() - digits; i < out.size(); ++i) out[i] = '#';
    }
  }
  return out;
}

// The member `key` of `j` when `j` is an object that has it; nullptr otherwise.
const json* Member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// The string member `key`, or "" when absent or of another type.
std::string StringMember(const json& j, const char* key) {
  const json* v = Member(j, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

int64_t Clamp(double seconds, int64_t max_seconds) {
  if (!(seconds >= 1)) return 1;  // also NaN
  if (seconds >= static_cast<double>(max_seconds)) return max_seconds;
  return static_cast<int64_t>(std::ceil(seconds));
}

// A retry_after given as a JSON number, clamped to [1, max]; nullopt when not a number.
std::optional<int64_t> JsonSeconds(const json* v, int64_t max_seconds) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned()) {
    uint64_t s = v->get<uint64_t>();
    return s >= static_cast<uint64_t>(max_seconds) ? max_seconds : std::max<int64_t>(1, static_cast<int64_t>(s));
  }
  if (v->is_number_integer()) return Clamp(static_cast<double>(v->get<int64_t>()), max_seconds);
  if (v->is_number_float()) return Clamp(v->get<double>(), max_seconds);
  return std::nullopt;
}

// A Retry-After header in seconds (the HTTP-date form is ignored), clamped to [1, max].
std::optional<int64_t> HeaderSeconds(const std::string& header, int64_t max_seconds) {
  size_t begin = header.find_first_not_of(" \t");
  size_t end = header.find_last_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const char* first = header.data() + begin;
  const char* last = header.data() + end + 1;
  int64_t s = 0;
  auto [ptr, ec] = std::from_chars(first, last, s);
  if (ec == std::errc::result_out_of_range && ptr == last) return max_seconds;
  if (ec != std::errc() || ptr != last) return std::nullopt;
  return Clamp(static_cast<double>(s), max_seconds);
}

SendOutcome Retry(std::string error) { return {SendOutcome::Kind::kRetry, 0, false, std::move(error)}; }
SendOutcome Unknown(std::string error) { return {SendOutcome::Kind::kRetry, 0, true, std::move(error)}; }
SendOutcome Failed(std::string error) { return {SendOutcome::Kind::kFailed, 0, false, std::move(error)}; }

bool Is2xx(int status) { return status >= 200 && status < 300; }

SendOutcome RateLimited(const ProviderResponse& r, const json* retry_after, int64_t max_seconds) {
  SendOutcome out = Retry("rate_limited");
  std::optional<int64_t> s = JsonSeconds(retry_after, max_seconds);
  if (!s) s = HeaderSeconds(r.retry_after, max_seconds);
  out.retry_after_seconds = s.value_or(0);
  return out;
}

// WhatsApp Cloud API error codes worth another try: throttling and temporary server trouble.
// Every other 4xx (131047 outside the 24-hour window, 131026 undeliverable, 100 bad parameter,
// 190 bad token, ...) is permanent.
bool WhatsAppRateLimitCode(int64_t code) {
  return code == 4 || code == 17 || code == 341 || code == 80007 || code == 130429 || code == 131048 ||
         code == 131056;
}
bool WhatsAppTransientCode(int64_t code) {
  return code == 1 || code == 2 || code == 131000 || code == 131016 || code == 133004;
}

// A Graph API error answer ({"error":{"code":...,"message":...}}) with HTTP `status`.
SendOutcome WhatsAppError(const ProviderResponse& r, const json& body, int64_t max_seconds) {
  const json* error = Member(body, "error");
  const json* code_value = error != nullptr ? Member(*error, "code") : nullptr;
  std::optional<int64_t> code;
  if (code_value != nullptr && code_value->is_number_integer()) {
    code = code_value->is_number_unsigned() ? static_cast<int64_t>(std::min<uint64_t>(code_value->get<uint64_t>(), INT64_MAX))
                                            : code_value->get<int64_t>();
  }
  const json* transient = error != nullptr ? Member(*error, "is_transient") : nullptr;
  std::string what = "whatsapp http " + std::to_string(r.status);
  if (code) what += " code " + std::to_string(*code);
  if (error != nullptr) {
    std::string message = Clean(StringMember(*error, "message"));
    if (!message.empty()) what += ": " + message;
  }
  if (r.status == 429 || (code && WhatsAppRateLimitCode(*code))) {
    SendOutcome out = RateLimited(r, nullptr, max_seconds);
    out.error = "rate_limited: " + what;
    return out;
  }
  if (r.status >= 500 || r.status == 408) return Retry(what);
  if ((code && WhatsAppTransientCode(*code)) || (transient != nullptr && transient->is_boolean() && transient->get<bool>())) {
    return Retry(what);
  }
  if (r.status >= 400 && r.status < 500) return Failed(what);
  if (code) return Failed(what);  // an error object with a 2xx status: the API refused the message
  return Unknown(what);
}

SendOutcome ClassifyTelegram(const ProviderResponse& r, const json& body, int64_t max_seconds) {
  std::string description = Clean(StringMember(body, "description"));
  std::string what = "telegram http " + std::to_string(r.status) + (description.empty() ? "" : ": " + description);
  if (Is2xx(r.status)) {
    const json* ok = Member(body, "ok");
    if (ok != nullptr && ok->is_boolean() && ok->get<bool>()) return {SendOutcome::Kind::kDelivered, 0, false, ""};
    return Unknown("unexpected reply: " + what);
  }
  if (r.status == 429) {
    const json* parameters = Member(body, "parameters");
    SendOutcome out = RateLimited(r, parameters != nullptr ? Member(*parameters, "retry_after") : nullptr, max_seconds);
    return out;
  }
  if (r.status >= 500 || r.status == 408) return Retry(what);
  if (r.status >= 400) return Failed(what);  // 400 bad request, 401/403 blocked or bad token, 404
  return Unknown("unexpected reply: " + what);
}

SendOutcome ClassifyWhatsApp(const ProviderResponse& r, const json& body, int64_t max_seconds) {
  if (Is2xx(r.status)) {
    const json* messages = Member(body, "messages");
    if (messages != nullptr && messages->is_array() && !messages->empty() &&
        !StringMember(messages->front(), "id").empty()) {
      return {SendOutcome::Kind::kDelivered, 0, false, ""};
    }
    if (Member(body, "error") != nullptr) return WhatsAppError(r, body, max_seconds);
    return Unknown("unexpected reply: whatsapp http " + std::to_string(r.status));
  }
  if (r.status < 400 || Member(body, "error") == nullptr) {
    if (r.status == 429) return RateLimited(r, nullptr, max_seconds);
    if (r.status >= 500 || r.status == 408) return Retry("whatsapp http " + std::to_string(r.status));
    if (r.status >= 400) return Failed("whatsapp http " + std::to_string(r.status));
    return Unknown("unexpected reply: whatsapp http " + std::to_string(r.status));
  }
  return WhatsAppError(r, body, max_seconds);
}

}  // namespace

SendOutcome ClassifyResponse(const std::string& channel, const ProviderResponse& r, int64_t max_retry_after_seconds) {
  if (r.status == 0) return Retry("network: " + Clean(r.error));
  try {
    json body = json::parse(r.body, nullptr, false);
    if (channel == "telegram") return ClassifyTelegram(r, body, max_retry_after_seconds);
    return ClassifyWhatsApp(r, body, max_retry_after_seconds);
  } catch (const std::exception& e) {  // a shape no branch above foresaw
    return Unknown(std::string("unreadable reply: ") + Clean(e.what()));
  }
}

SendOutcome ClassifyWhatsAppUpload(const ProviderResponse& r, std::string* media_id, int64_t max_retry_after_seconds) {
  if (r.status == 0) return Retry("network: " + Clean(r.error));
  try {
    json body = json::parse(r.body, nullptr, false);
    if (Is2xx(r.status)) {
      std::string id = StringMember(body, "id");
      if (!id.empty()) {
        *media_id = id;
        return {SendOutcome::Kind::kDelivered, 0, false, ""};
      }
      if (Member(body, "error") != nullptr) return WhatsAppError(r, body, max_retry_after_seconds);
      return Unknown("unexpected reply to upload: whatsapp http " + std::to_string(r.status));
    }
    return ClassifyWhatsApp(r, body, max_retry_after_seconds);
  } catch (const std::exception& e) {
    return Unknown(std::string("unreadable reply: ") + Clean(e.what()));
  }
}

// Outcomes on their way into the outbox. One that cannot be written is kept here and written
// again later; while any is kept, the lanes start no new sends and skip its row.
class OutboxSender::Ledger {
 public:
  struct Entry {
    int64_t id = 0;
    SendOutcome::Kind kind = SendOutcome::Kind::kRetry;
    int64_t next_attempt_ms = 0;
    std::string error;
  };

  Ledger(Outbox* outbox, int64_t max_delay_ms) : outbox_(outbox), max_delay_ms_(max_delay_ms) {}

  // Writes `e` (after any kept ones). Returns true when it is written; false when it is kept.
  bool Write(const Entry& e, int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    kept_[e.id] = e;
    if (kept_.size() > 1 && now_ms < next_try_ms_) return false;
    FlushLocked(now_ms);
    return kept_.find(e.id) == kept_.end();
  }

  // Writes the kept outcomes when their next try is due. Returns true when none is kept.
  bool Flush(int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!kept_.empty() && now_ms >= next_try_ms_) FlushLocked(now_ms);
    return kept_.empty();
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return kept_.size();
  }
  // When the next try is due (ms since the epoch); only meaningful while size() > 0.
  int64_t next_try_ms() const {
    std::lock_guard<std::mutex> lock(mu_);
    return next_try_ms_;
  }

 private:
  Status Apply(const Entry& e) {
    try {
      switch (e.kind) {
        case SendOutcome::Kind::kDelivered:
          return outbox_->Delivered(e.id);
        case SendOutcome::Kind::kRetry:
          return outbox_->Retry(e.id, e.next_attempt_ms, e.error);
        case SendOutcome::Kind::kFailed:
          return outbox_->Failed(e.id, e.error);
      }
      return Status::Ok();
    } catch (const std::exception& ex) {
      return Status::IoError(ex.what());
    }
  }

  void FlushLocked(int64_t now_ms) {
    for (auto it = kept_.begin(); it != kept_.end();) {
      if (!Apply(it->second).ok()) {
        next_try_ms_ = now_ms + delay_ms_;
        delay_ms_ = std::min(max_delay_ms_, delay_ms_ * 2);
        return;
      }
      it = kept_.erase(it);
    }
    delay_ms_ = kFirstDelayMs;
  }

  static constexpr int64_t kFirstDelayMs = 100;
  Outbox* outbox_;
  const int64_t max_delay_ms_;
  mutable std::mutex mu_;
  std::map<int64_t, Entry> kept_;  // by row id
  int64_t next_try_ms_ = 0;
  int64_t delay_ms_ = kFirstDelayMs;
};

// One channel: a dispatcher that picks rows that can go now and workers that send them.
class OutboxSender::Lane {
 public:
  Lane(OutboxSender* sender, std::string channel, SenderLaneOptions options)
      : sender_(sender), channel_(std::move(channel)), options_(std::move(options)) {
    options_.workers = std::max(1, options_.workers);
  }
  ~Lane() { Stop(); }

  void Start() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (running_) return;
      running_ = true;
      queue_.clear();
      in_flight_.clear();
      for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { Work(); });
    }
    const OutboxSenderOptions& o = sender_->options_;
    // The longest pause a pass asks for is the ledger's (10 polls) or a failing read's (1 s).
    auto period = std::chrono::milliseconds(std::max<int64_t>(1000, 10 * o.poll_ms));
    auto min_pause = std::chrono::milliseconds(std::max<int64_t>(0, o.min_idle_pause_ms));
    dispatcher_.Start([this] { return Dispatch(); }, period, min_pause);
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!running_) return;
      running_ = false;
    }
    dispatcher_.Stop();
    work_cv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  void Wake() { dispatcher_.Wake(); }

 private:
  // One dispatcher run: a pass over the outbox. Returns kMoreWork when it handed rows out, else
  // how long to wait for the next due row (a Wake() ends the wait early). Never throws.
  PeriodicWorker::Duration Dispatch() {
    int64_t wait_ms = sender_->options_.poll_ms;
    size_t handed = 0;
    try {
      handed = Pass(sender_->NowMs(), &wait_ms);
    } catch (const std::exception& e) {
      sender_->logger_->Error("outbox_lane_error", {{"channel", channel_}, {"error", Clean(e.what())}});
      wait_ms = 1000;
    }
    if (handed > 0) return PeriodicWorker::kMoreWork;
    // Nothing could go: the worker pauses min_idle_pause_ms even when woken, so a stream of
    // wake-ups under load does not turn into a stream of outbox scans.
    return std::chrono::milliseconds(std::max<int64_t>(1, wait_ms));
  }

  // Hands the rows that can be sent now to the workers. Returns how many; sets *wait_ms to how
  // long to wait when nothing more can go before a wake-up.
  size_t Pass(int64_t now_ms, int64_t* wait_ms) {
    const OutboxSenderOptions& o = sender_->options_;
    sender_->ReportDepth(now_ms);
    Ledger* ledger = sender_->ledger_.get();
    if (!ledger->Flush(now_ms)) {  // the database refuses writes: send nothing new meanwhile
      *wait_ms = std::clamp<int64_t>(ledger->next_try_ms() - now_ms, 1, o.poll_ms * 10);
      return 0;
    }
    bool telegram = channel_ == "telegram";
    size_t free = 0, skip = 0;
    std::set<std::string> busy;  // chats in flight before the read: their rows in it may be stale
    {
      std::lock_guard<std::mutex> lock(mu_);
      free = static_cast<size_t>(options_.workers) - std::min(in_flight_.size(), static_cast<size_t>(options_.workers));
      if (free == 0) return 0;  // a worker finishing wakes us
      if (telegram) {
        while (!window_ms_.empty() && now_ms - window_ms_.front() >= 1000) window_ms_.pop_front();
        if (static_cast<int>(window_ms_.size()) >= o.telegram_per_second) {
          *wait_ms = std::max<int64_t>(1, window_ms_.front() + 1000 - now_ms);
          return 0;
        }
        free = std::min(free, static_cast<size_t>(o.telegram_per_second - static_cast<int>(window_ms_.size())));
        std::erase_if(last_sent_ms_, [&](const auto& kv) { return now_ms - kv.second >= o.telegram_chat_interval_ms; });
      }
      // Chats in flight or cooling down take no slot: ask for that many more rows.
      skip = in_flight_.size() + last_sent_ms_.size();
      busy = in_flight_;
    }
    std::vector<OutboxMessage> due;
    size_t undeliverable = 0;
    Status s = sender_->outbox_->Due(channel_, now_ms, free + skip, &due, &undeliverable);
    if (undeliverable > 0) {  // sealed under another key: marked failed by Due, counted here
      sender_->metrics_->Increment("netra_outbox_undeliverable_total", {{"channel", channel_}},
                                   static_cast<double>(undeliverable));
      sender_->logger_->Warn("outbox_undeliverable", {{"channel", channel_}, {"count", undeliverable}});
    }
    if (!s.ok()) {
      sender_->metrics_->Increment("netra_outbox_read_failures_total", {{"channel", channel_}});
      *wait_ms = 1000;  // no hot loop against a failing database
      return 0;
    }
    if (ledger->size() > 0) return 0;  // a worker could not write meanwhile: send nothing new
    size_t handed = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!running_) return 0;
      for (auto& m : due) {
        if (handed == free) break;
        // A chat in flight when the rows were read may have finished since, and its row in `due`
        // may already be delivered or kept by the ledger: it waits for the next pass. (No ledger
        // call here: mu_ is never held while waiting for the ledger or the database.)
        if (busy.count(m.chat_key) > 0 || in_flight_.count(m.chat_key) > 0) continue;
        if (telegram) {
          bool is_message = m.method != "answerCallbackQuery";
          if (is_message && last_sent_ms_.count(m.chat_key) > 0) continue;
          window_ms_.push_back(now_ms);
          if (is_message) last_sent_ms_[m.chat_key] = now_ms;
        }
        in_flight_.insert(m.chat_key);
        queue_.push_back(std::move(m));
        ++handed;
      }
    }
    if (handed > 0) work_cv_.notify_all();
    return handed;
  }

  void Work() {
    while (true) {
      OutboxMessage m;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this] { return !queue_.empty() || !running_; });
        if (!running_) return;  // queued rows stay pending in the outbox
        m = std::move(queue_.front());
        queue_.pop_front();
      }
      SendOutcome outcome;
      try {
        outcome = sender_->Deliver(m, options_.timeouts);
      } catch (const std::exception& e) {
        outcome = Unknown(std::string("exception: ") + Clean(e.what()));
      } catch (...) {
        outcome = Unknown("exception");
      }
      // Recorded (or kept by the ledger) before the chat is free, so the row is never picked
      // again while its outcome is unknown to the dispatcher.
      sender_->Record(m, outcome, sender_->NowMs());
      {
        std::lock_guard<std::mutex> lock(mu_);
        in_flight_.erase(m.chat_key);
      }
      dispatcher_.Wake();
    }
  }

  OutboxSender* sender_;
  const std::string channel_;
  SenderLaneOptions options_;
  std::mutex mu_;
  std::condition_variable work_cv_;
  bool running_ = false;
  std::deque<OutboxMessage> queue_;
  std::set<std::string> in_flight_;               // chat keys queued or being sent
  std::map<std::string, int64_t> last_sent_ms_;  // Telegram: chat_key -> last message, within the interval
  std::deque<int64_t> window_ms_;                 // Telegram: sends within the last second
  std::vector<std::thread> workers_;
  PeriodicWorker dispatcher_;  // picks rows; woken by Wake() and by each finished send
};

OutboxSender::OutboxSender(Outbox* outbox, ProviderClient* client, OutboxSenderOptions options, Metrics* metrics,
                           Logger* logger)
    : outbox_(outbox),
      client_(client),
      options_(std::move(options)),
      metrics_(metrics),
      logger_(logger),
      clock_(options_.clock != nullptr ? options_.clock : &system_clock_) {
  metrics_->Describe("netra_outbox_sends_total", "counter", "Delivery attempts by channel and result.");
  metrics_->Describe("netra_outbox_send_failures_total", "counter", "Failed deliveries by channel and kind.");
  metrics_->Describe("netra_outbox_pending", "gauge", "Messages waiting in the outbox.");
  metrics_->Describe("netra_outbox_oldest_age_seconds", "gauge", "Age of the oldest waiting message.");
  metrics_->Describe("netra_outbox_unrecorded", "gauge", "Send outcomes the database has not accepted yet.");
  metrics_->Describe("netra_outbox_record_failures_total", "counter", "Send outcomes the database refused at first.");
  metrics_->Describe("netra_outbox_read_failures_total", "counter", "Outbox reads that failed, by channel.");
  metrics_->Describe("netra_outbox_undeliverable_total", "counter",
                     "Rows marked failed because their destination no longer opens under the key.");
  ledger_ = std::make_unique<Ledger>(outbox_, std::max<int64_t>(100, options_.record_retry_max_ms));
  lanes_.push_back(std::make_unique<Lane>(this, "telegram", options_.telegram_lane));
  lanes_.push_back(std::make_unique<Lane>(this, "whatsapp", options_.whatsapp_lane));
}

OutboxSender::~OutboxSender() { Stop(); }

void OutboxSender::Start() {
  if (running_.exchange(true)) return;
  for (auto& lane : lanes_) lane->Start();
}

void OutboxSender::Stop() {
  if (!running_.exchange(false)) return;
  for (auto& lane : lanes_) lane->Stop();
  size_t kept = ledger_->size();
  if (kept > 0 && !ledger_->Flush(NowMs() + options_.record_retry_max_ms)) {
    logger_->Error("outbox_outcomes_unrecorded_at_stop", {{"count", ledger_->size()}});
  }
}

void OutboxSender::Wake() {
  for (auto& lane : lanes_) lane->Wake();
}

size_t OutboxSender::unrecorded() const { return ledger_->size(); }

int64_t OutboxSender::Backoff(int attempts) const {
  static thread_local std::mt19937 rng(std::random_device{}());
  double factor = std::min<double>(static_cast<double>(options_.max_backoff_seconds), std::pow(2.0, std::clamp(attempts, 0, 40)));
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  double ms = static_cast<double>(options_.backoff_unit_ms) * factor * jitter(rng);
  return std::max<int64_t>(options_.backoff_unit_ms, static_cast<int64_t>(ms));
}

void OutboxSender::ReportDepth(int64_t now_ms) {
  std::unique_lock<std::mutex> lock(depth_mu_, std::try_to_lock);
  if (!lock.owns_lock() || now_ms - depth_checked_ms_ < 1000) return;  // a full count, so at most once a second
  depth_checked_ms_ = now_ms;
  int64_t pending = 0, oldest = 0;
  if (outbox_->Depth(now_ms / 1000, &pending, &oldest).ok()) {
    metrics_->Set("netra_outbox_pending", {}, static_cast<double>(pending));
    metrics_->Set("netra_outbox_oldest_age_seconds", {}, static_cast<double>(oldest));
  }
  metrics_->Set("netra_outbox_unrecorded", {}, static_cast<double>(ledger_->size()));
}

SendOutcome OutboxSender::Deliver(const OutboxMessage& m, const ProviderTimeouts& timeouts) {
  if (!m.payload.is_object()) return Failed("unreadable payload");
  if (m.payload.contains("file_path")) return DeliverFile(m, timeouts);
  json body = m.payload;
  ProviderResponse r;
  if (m.channel == "telegram") {
    if (m.method != "answerCallbackQuery") body["chat_id"] = m.destination;
    r = client_->PostJson(options_.telegram_api, "/bot" + options_.telegram_token + "/" + m.method, body, "", timeouts);
  } else {
    body["to"] = m.destination;
    r = client_->PostJson(options_.whatsapp_api, "/" + options_.whatsapp_phone_id + "/messages", body,
                          options_.whatsapp_token, timeouts);
  }
  return ClassifyResponse(m.channel, r, options_.max_retry_after_seconds);
}

SendOutcome OutboxSender::DeliverFile(const OutboxMessage& m, const ProviderTimeouts& timeouts) {
  // An evidence file for a reviewer: upload it from disk.
  const json& p = m.payload;
  std::ifstream in(StringMember(p, "file_path"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && bytes.empty()) return Failed("evidence file missing");
  std::string mime = StringMember(p, "mime");
  if (mime.empty()) mime = "application/octet-stream";
  std::string caption = StringMember(p, "caption");
  std::string name = "bukti" + std::string(mime == "image/png" ? ".png" : mime == "image/jpeg" ? ".jpg" : "");
  if (m.channel == "telegram") {
    std::string field = m.method == "sendPhoto" ? "photo" : "document";
    ProviderResponse r = client_->PostFile(options_.telegram_api, "/bot" + options_.telegram_token + "/" + m.method,
                                           {{"chat_id", m.destination}, {"caption", caption}}, field, name, mime,
                                           bytes, "", timeouts);
    return ClassifyResponse(m.channel, r, options_.max_retry_after_seconds);
  }
  ProviderResponse r = client_->PostFile(options_.whatsapp_api, "/" + options_.whatsapp_phone_id + "/media",
                                         {{"messaging_product", "whatsapp"}, {"type", mime}}, "file", name, mime,
                                         bytes, options_.whatsapp_token, timeouts);
  std::string media_id;
  SendOutcome uploaded = ClassifyWhatsAppUpload(r, &media_id, options_.max_retry_after_seconds);
  if (uploaded.kind != SendOutcome::Kind::kDelivered) return uploaded;
  std::string type = m.method == "upload:image" ? "image" : "document";
  json message = {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", m.destination},
                  {"type", type}, {type, {{"id", media_id}, {"caption", caption}}}};
  r = client_->PostJson(options_.whatsapp_api, "/" + options_.whatsapp_phone_id + "/messages", message,
                        options_.whatsapp_token, timeouts);
  return ClassifyResponse(m.channel, r, options_.max_retry_after_seconds);
}

void OutboxSender::Record(const OutboxMessage& m, const SendOutcome& o, int64_t now_ms) {
  Ledger::Entry e;
  e.id = m.id;
  e.kind = o.kind;
  e.error = o.error;
  int cap = o.unknown_reply ? std::min(options_.max_attempts, options_.max_unknown_attempts) : options_.max_attempts;
  bool exhausted = o.kind == SendOutcome::Kind::kRetry && m.attempts + 1 >= cap;
  if (exhausted) {
    e.kind = SendOutcome::Kind::kFailed;
  } else if (o.kind == SendOutcome::Kind::kRetry) {
    e.next_attempt_ms = now_ms + (o.retry_after_seconds > 0 ? o.retry_after_seconds * 1000 : Backoff(m.attempts));
  }
  bool written = ledger_->Write(e, now_ms);
  try {  // metrics or logging trouble must not end the worker
    switch (o.kind) {
      case SendOutcome::Kind::kDelivered:
        metrics_->Increment("netra_outbox_sends_total", {{"channel", m.channel}, {"result", "delivered"}});
        break;
      case SendOutcome::Kind::kRetry: {
        std::string kind = o.error.rfind("rate_limited", 0) == 0 ? "rate_limited"
                           : o.unknown_reply                     ? "unknown_reply"
                                                                 : "retry";
        metrics_->Increment("netra_outbox_send_failures_total",
                            {{"channel", m.channel}, {"kind", exhausted ? "exhausted" : kind}});
        if (o.unknown_reply) logger_->Warn("outbox_unknown_reply", {{"channel", m.channel}, {"error", o.error}});
        break;
      }
      case SendOutcome::Kind::kFailed:
        metrics_->Increment("netra_outbox_send_failures_total", {{"channel", m.channel}, {"kind", "permanent"}});
        logger_->Warn("outbox_send_failed", {{"channel", m.channel}, {"error", o.error}});
        break;
    }
    if (!written) {
      metrics_->Increment("netra_outbox_record_failures_total", {{"channel", m.channel}});
      logger_->Error("outbox_outcome_kept_in_memory", {{"channel", m.channel}, {"kept", ledger_->size()}});
    }
  } catch (const std::exception& ex) {
    logger_->Error("outbox_record_error", {{"channel", m.channel}, {"error", Clean(ex.what())}});
  }
}

}  // namespace netra
