// Fake Telegram Bot API and WhatsApp Cloud API servers on loopback, speaking the providers'
// request and response shapes, recording what Netra sends and answering as told.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <optional>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

namespace netra::testing {

struct RecordedCall {
  std::string path;
  std::string authorization;
  nlohmann::json body;
};

class FakeProvider {
 public:
  struct Answer {
    int status;
    std::string body;
    std::string retry_after_header = "";  // sent as Retry-After when not empty
    bool hang = false;                    // never answer (until Release() or the fake ends)
  };
  using DefaultAnswerFn = std::function<Answer(const std::string& path)>;

  // Serves on loopback at once; `default_answer` answers what no script or fixed answer covers.
  explicit FakeProvider(DefaultAnswerFn default_answer) : default_answer_(std::move(default_answer)) {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      Answer a;
      RecordedCall call;
      std::function<void(const RecordedCall&)> hook;
      {
        std::lock_guard<std::mutex> lock(mu_);
        nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
        if (req.is_multipart_form_data()) {  // an upload: fields as strings, files with their bytes
          body = nlohmann::json::object();
          for (const auto& [name, part] : req.files) {
            body[name] = part.filename.empty() ? nlohmann::json(part.content)
                                               : nlohmann::json{{"filename", part.filename},
                                                                {"content_type", part.content_type},
                                                                {"bytes", part.content}};
          }
        }
        calls_.push_back({req.path, req.get_header_value("Authorization"), body});
        call = calls_.back();
        if (!scripted_.empty()) {
          a = scripted_.front();
          scripted_.pop_front();
        } else if (fixed_) {
          a = *fixed_;
        } else {
          a = default_answer_(req.path);
        }
        hook = on_request_;
      }
      if (hook) hook(call);
      if (a.hang) {
        std::unique_lock<std::mutex> lock(mu_);
        hang_cv_.wait(lock, [this] { return released_ || stopping_; });
        res.status = 503;
        return;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (a.status == 200) delivered_.push_back(call);
      }
      res.status = a.status;
      if (!a.retry_after_header.empty()) res.set_header("Retry-After", a.retry_after_header);
      res.set_content(a.body, "application/json");
    });
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back({req.path, req.get_header_value("Authorization"), nullptr});
      auto it = files_.find(req.path);
      if (it == files_.end()) {
        res.status = 404;
        return;
      }
      res.status = 200;
      res.set_content(it->second, "application/octet-stream");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // httplib's stop() does nothing until the listen loop runs, so a fake destroyed at once would
    // wait in join() forever; wait here for the loop (it accepts connections from the bind on).
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // Not virtual and not meant for derivation beyond FakeTelegram and FakeWhatsApp, which add no
  // state: everything the server thread touches is this class's own and outlives the join below.
  ~FakeProvider() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    hang_cv_.notify_all();
    server_.stop();
    thread_.join();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The next answers, in order; afterwards the fixed answer, if any, or the default success.
  void Script(std::vector<Answer> answers) {
    std::lock_guard<std::mutex> lock(mu_);
    scripted_.assign(answers.begin(), answers.end());
  }
  // Every answer after the script is `answer` (nullopt: the default success again).
  void AnswerAlways(std::optional<Answer> answer) {
    std::lock_guard<std::mutex> lock(mu_);
    fixed_ = std::move(answer);
  }
  // Lets every hanging request end (with 503), now and later.
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      released_ = true;
    }
    hang_cv_.notify_all();
  }
  // Runs `hook` on each POST after it is recorded and before it is answered (on the server's thread).
  void OnRequest(std::function<void(const RecordedCall&)> hook) {
    std::lock_guard<std::mutex> lock(mu_);
    on_request_ = std::move(hook);
  }
  // What GET `path` answers (files, media lookups).
  void Serve(const std::string& path, const std::string& body) {
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = body;
  }
  // Every call made, and the calls answered 200.
  std::vector<RecordedCall> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  std::vector<RecordedCall> delivered() {
    std::lock_guard<std::mutex> lock(mu_);
    return delivered_;
  }
  // Waits until at least `n` calls were answered 200.
  bool WaitForDelivered(size_t n, std::chrono::milliseconds timeout) {
    return WaitUntil([&] { return delivered().size() >= n; }, timeout);
  }
  // Waits until at least `n` calls were made (whatever they were answered).
  bool WaitForCalls(size_t n, std::chrono::milliseconds timeout) {
    return WaitUntil([&] { return calls().size() >= n; }, timeout);
  }

 private:
  static bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  }

  DefaultAnswerFn default_answer_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::condition_variable hang_cv_;
  bool released_ = false;
  bool stopping_ = false;
  std::deque<Answer> scripted_;
  std::optional<Answer> fixed_;
  std::function<void(const RecordedCall&)> on_request_;
  std::map<std::string, std::string> files_;
  std::vector<RecordedCall> calls_;
  std::vector<RecordedCall> delivered_;
};

class FakeTelegram : public FakeProvider {
 public:
  FakeTelegram() : FakeProvider(&DefaultAnswer) {}

  static Answer TooManyRequests(int retry_after) {
    return {429, nlohmann::json{{"ok", false}, {"error_code", 429},
                                {"description", "Too Many Requests: retry after " + std::to_string(retry_after)},
                                {"parameters", {{"retry_after", retry_after}}}}.dump()};
  }
  static Answer ServerError() {
    return {500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})"};
  }
  static Answer Blocked() {
    return {403, R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})"};
  }
  static Answer Hang() { return {0, "", "", true}; }

 private:
  static Answer DefaultAnswer(const std::string& path) {
    if (path.find("/answerCallbackQuery") != std::string::npos) return {200, R"({"ok":true,"result":true})"};
    if (path.find("/getFile") != std::string::npos) {
      return {200, R"({"ok":true,"result":{"file_id":"f","file_unique_id":"u","file_size":3946,"file_path":"photos/file_0.jpg"}})"};
    }
    return {200, R"({"ok":true,"result":{"message_id":1,"date":1732071600,"chat":{"id":1,"type":"private"}}})"};
  }
};

class FakeWhatsApp : public FakeProvider {
 public:
  FakeWhatsApp() : FakeProvider(&DefaultAnswer) {}

  // A Graph API error answer, e.g. (400, 131047, "Re-engagement message").
  static Answer Error(int status, int code, const std::string& message) {
    return {status, nlohmann::json{{"error", {{"message", message}, {"type", "OAuthException"}, {"code", code},
                                              {"fbtrace_id", "AbCdEf"}}}}.dump()};
  }
  static Answer Hang() { return {0, "", "", true}; }

 private:
  static Answer DefaultAnswer(const std::string& path) {
    if (path.find("/media") != std::string::npos) return {200, R"({"id":"media-1"})"};
    return {200, R"({"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"wamid.OUT"}]})"};
  }
};

// Telegram updates as the Bot API sends them.
inline nlohmann::json TelegramText(int64_t update_id, int64_t user_id, const std::string& text,
                                   const std::string& first_name = "Siti", const std::string& username = "siti_w") {
  return {{"update_id", update_id},
          {"message",
           {{"message_id", update_id},
            {"from", {{"id", user_id}, {"is_bot", false}, {"first_name", first_name}, {"username", username}, {"language_code", "id"}}},
            {"chat", {{"id", user_id}, {"first_name", first_name}, {"username", username}, {"type", "private"}}},
            {"date", 1732071600},
            {"text", text}}}};
}

inline nlohmann::json TelegramPhoto(int64_t update_id, int64_t user_id, const std::string& file_id) {
  nlohmann::json u = TelegramText(update_id, user_id, "");
  u["message"].erase("text");
  u["message"]["photo"] = {{{"file_id", file_id + "-small"}, {"file_unique_id", "s"}, {"file_size", 900}, {"width", 90}, {"height", 90}},
                           {{"file_id", file_id}, {"file_unique_id", "l"}, {"file_size", 3946}, {"width", 16}, {"height", 16}}};
  return u;
}

inline nlohmann::json TelegramCallback(int64_t update_id, int64_t user_id, const std::string& data) {
  return {{"update_id", update_id},
          {"callback_query",
           {{"id", "cbq-" + std::to_string(update_id)},
            {"from", {{"id", user_id}, {"is_bot", false}, {"first_name", "Siti"}}},
            {"message", {{"message_id", 7}, {"chat", {{"id", user_id}, {"type", "private"}}}, {"date", 1732071600}, {"text", "menu"}}},
            {"chat_instance", "42"},
            {"data", data}}}};
}

// A WhatsApp Cloud API notification carrying one message.
inline nlohmann::json WhatsAppMessage(const std::string& wamid, const std::string& from, const nlohmann::json& message,
                                      const std::string& name = "Budi Santoso") {
  nlohmann::json m = message;
  m["from"] = from;
  m["id"] = wamid;
  m["timestamp"] = "1732071600";
  return {{"object", "whatsapp_business_account"},
          {"entry",
           {{{"id", "102290129340398"},
             {"changes",
              {{{"value",
                 {{"messaging_product", "whatsapp"},
                  {"metadata", {{"display_phone_number", "15550783881"}, {"phone_number_id", "106540352242922"}}},
                  {"contacts", {{{"profile", {{"name", name}}}, {"wa_id", from}}}},
                  {"messages", {m}}}},
                {"field", "messages"}}}}}}}};
}

}  // namespace netra::testing
