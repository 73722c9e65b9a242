// Logger: structured JSON log lines, one per event, written to a stream (stderr in production).
//
// Fields are chosen by the caller and must never carry message text, names, phone numbers or
// provider user ids: log events, routes, counts, durations, statuses and pseudonymous codes only.
#pragma once

#include <iosfwd>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace netra {

class Logger {
 public:
  explicit Logger(std::ostream* out) : out_(out) {}

  void Info(const std::string& event, const nlohmann::json& fields = nlohmann::json::object()) {
    Write("info", event, fields);
  }
  void Warn(const std::string& event, const nlohmann::json& fields = nlohmann::json::object()) {
    Write("warn", event, fields);
  }
  void Error(const std::string& event, const nlohmann::json& fields = nlohmann::json::object()) {
    Write("error", event, fields);
  }

 private:
  void Write(const char* level, const std::string& event, const nlohmann::json& fields);
  std::mutex mu_;
  std::ostream* out_;
};

}  // namespace netra
