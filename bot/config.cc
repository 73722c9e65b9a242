#include "build_paths.h"
#include "bot/config.h"
#include "base/text.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>

extern char** environ;

namespace netra {
namespace {

bool ParseInt(const std::string& s, long min, long max, long* out) {
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) return false;
  *out = v;
  return true;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool IsHttpUrl(const std::string& s) {
  return (s.rfind("http://", 0) == 0 && s.size() > 7) || (s.rfind("https://", 0) == 0 && s.size() > 8);
}

Status Invalid(const std::string& key, const std::string& why) {
  return Status::InvalidArgument(key + ": " + why);
}

Status ReadFile(const std::string& path, std::map<std::string, std::string>* out) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read config file " + path);
  std::string line;
  int line_no = 0;
  const auto& keys = ConfigKeys();
  while (std::getline(in, line)) {
    ++line_no;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    size_t eq = t.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": expected KEY=VALUE");
    }
    std::string key = Trim(t.substr(0, eq));
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return Invalid(key, "unknown key in " + path + ":" + std::to_string(line_no));
    }
    std::string value = Trim(t.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    (*out)[key] = value;
  }
  return Status::Ok();
}

Status ParseReviewers(const std::string& value, std::vector<ChatAddress>* out) {
  out->clear();
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    std::string item = Trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) {
      ChatAddress id;
      if (!ParseChatAddress(item, &id)) {
        return Invalid("NETRA_REVIEWERS", "expected channel:user_id (telegram or whatsapp, digits), got '" + item + "'");
      }
      out->push_back(id);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Status::Ok();
}

}  // namespace

DataDirs DefaultDataDirs(const std::string& exe_path) {
  namespace fs = std::filesystem;
  fs::path share;
  if (exe_path.empty()) {
    share = NETRA_INSTALL_DATA_DIR;
  } else {
    std::error_code ec;
    fs::path bin = fs::path(exe_path).parent_path();
    if (fs::equivalent(bin, NETRA_BUILD_DIR, ec)) {
      return {std::string(NETRA_SOURCE_DIR) + "/knowledge", std::string(NETRA_SOURCE_DIR) + "/dialogs"};
    }
    share = (bin / NETRA_DATA_DIR_FROM_BIN).lexically_normal();
  }
  return {(share / "knowledge").string(), (share / "dialogs").string()};
}

std::string ExecutablePath() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.string();
}

const std::vector<std::string>& ConfigKeys() {
  static const std::vector<std::string> keys = {
      "NETRA_DB", "NETRA_LISTEN", "NETRA_TELEGRAM_TOKEN", "NETRA_TELEGRAM_SECRET", "NETRA_TELEGRAM_API",
      "NETRA_WHATSAPP_TOKEN", "NETRA_WHATSAPP_APP_SECRET", "NETRA_WHATSAPP_VERIFY_TOKEN",
      "NETRA_WHATSAPP_PHONE_ID", "NETRA_WHATSAPP_API", "NETRA_REVIEWERS", "NETRA_SECRET_KEY_FILE",
      "NETRA_KB_DIR", "NETRA_DIALOGS_DIR", "NETRA_EVIDENCE_DIR", "NETRA_TLS_CERT", "NETRA_TLS_KEY",
      "NETRA_MAX_BODY_BYTES", "NETRA_SESSION_TIMEOUT", "NETRA_RETENTION_DAYS", "NETRA_UPDATE_BUDGET_MS"};
  return keys;
}

std::map<std::string, std::string> NetraEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string kv(*e);
    if (kv.rfind("NETRA_", 0) != 0) continue;
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

Status LoadConfig(const std::string& file_path, const std::map<std::string, std::string>& env,
                  Config* config) {
  std::map<std::string, std::string> values;
  if (!file_path.empty()) {
    Status s = ReadFile(file_path, &values);
    if (!s.ok()) return s;
  }
  for (const auto& key : ConfigKeys()) {
    auto it = env.find(key);
    if (it != env.end()) values[key] = it->second;
  }

  Config c;
  DataDirs data = DefaultDataDirs(ExecutablePath());
  c.kb_dir = data.kb_dir;
  c.dialogs_dir = data.dialogs_dir;
  auto get = [&](const char* key) -> const std::string* {
    auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
  };

  if (auto v = get("NETRA_DB")) {
    if (v->empty()) return Invalid("NETRA_DB", "must not be empty");
    c.db_path = *v;
  }
  if (auto v = get("NETRA_LISTEN")) {
    size_t colon = v->rfind(':');
    long port = 0;
    if (colon == std::string::npos || colon == 0 || !ParseInt(v->substr(colon + 1), 0, 65535, &port)) {
      return Invalid("NETRA_LISTEN", "expected host:port with port 0-65535, got '" + *v + "'");
    }
    c.listen_host = v->substr(0, colon);
    if (c.listen_host.size() > 2 && c.listen_host.front() == '[' && c.listen_host.back() == ']') {
      c.listen_host = c.listen_host.substr(1, c.listen_host.size() - 2);
    }
    c.listen_port = static_cast<int>(port);
  }
  if (auto v = get("NETRA_TELEGRAM_TOKEN")) c.telegram_token = *v;
  if (auto v = get("NETRA_TELEGRAM_SECRET")) {
    bool valid = !v->empty() && v->size() <= 256 && std::all_of(v->begin(), v->end(), [](unsigned char ch) {
      return std::isalnum(ch) || ch == '_' || ch == '-';
    });
    if (!valid) return Invalid("NETRA_TELEGRAM_SECRET", "must be 1-256 characters of A-Z a-z 0-9 _ -");
    c.telegram_secret = *v;
  }
  if (auto v = get("NETRA_TELEGRAM_API")) {
    if (!IsHttpUrl(*v)) return Invalid("NETRA_TELEGRAM_API", "must be an http:// or https:// URL");
    c.telegram_api = *v;
  }
  if (auto v = get("NETRA_WHATSAPP_TOKEN")) c.whatsapp_token = *v;
  if (auto v = get("NETRA_WHATSAPP_APP_SECRET")) c.whatsapp_app_secret = *v;
  if (auto v = get("NETRA_WHATSAPP_VERIFY_TOKEN")) c.whatsapp_verify_token = *v;
  if (auto v = get("NETRA_WHATSAPP_PHONE_ID")) {
    if (!v->empty() && !AllDigits(*v)) return Invalid("NETRA_WHATSAPP_PHONE_ID", "must be digits");
    c.whatsapp_phone_id = *v;
  }
  if (auto v = get("NETRA_WHATSAPP_API")) {
    if (!IsHttpUrl(*v)) return Invalid("NETRA_WHATSAPP_API", "must be an http:// or https:// URL");
    c.whatsapp_api = *v;
  }
  while (!c.telegram_api.empty() && c.telegram_api.back() == '/') c.telegram_api.pop_back();
  while (!c.whatsapp_api.empty() && c.whatsapp_api.back() == '/') c.whatsapp_api.pop_back();
  if (auto v = get("NETRA_REVIEWERS")) {
    Status s = ParseReviewers(*v, &c.reviewers);
    if (!s.ok()) return s;
  }
  if (auto v = get("NETRA_SECRET_KEY_FILE")) {
    if (v->empty()) return Invalid("NETRA_SECRET_KEY_FILE", "must not be empty");
    c.secret_key_file = *v;
  }
  if (auto v = get("NETRA_KB_DIR")) c.kb_dir = *v;
  if (auto v = get("NETRA_DIALOGS_DIR")) c.dialogs_dir = *v;
  if (auto v = get("NETRA_EVIDENCE_DIR")) c.evidence_dir = *v;
  if (auto v = get("NETRA_TLS_CERT")) c.tls_cert = *v;
  if (auto v = get("NETRA_TLS_KEY")) c.tls_key = *v;
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return Invalid(c.tls_cert.empty() ? "NETRA_TLS_CERT" : "NETRA_TLS_KEY",
                   "NETRA_TLS_CERT and NETRA_TLS_KEY must be set together");
  }
  long n = 0;
  if (auto v = get("NETRA_MAX_BODY_BYTES")) {
    if (!ParseInt(*v, 1024, 64L << 20, &n)) return Invalid("NETRA_MAX_BODY_BYTES", "must be an integer 1024-67108864");
    c.max_body_bytes = static_cast<size_t>(n);
  }
  if (auto v = get("NETRA_SESSION_TIMEOUT")) {
    if (!ParseInt(*v, 10, 7L * 24 * 3600, &n)) return Invalid("NETRA_SESSION_TIMEOUT", "must be seconds, 10-604800");
    c.session_timeout = std::chrono::seconds(n);
  }
  if (auto v = get("NETRA_RETENTION_DAYS")) {
    if (!ParseInt(*v, 1, 3650, &n)) return Invalid("NETRA_RETENTION_DAYS", "must be days, 1-3650");
    c.retention_days = static_cast<int>(n);
  }
  if (auto v = get("NETRA_UPDATE_BUDGET_MS")) {
    if (!ParseInt(*v, 1, 60000, &n)) return Invalid("NETRA_UPDATE_BUDGET_MS", "must be milliseconds, 1-60000");
    c.update_budget = std::chrono::milliseconds(n);
  }
  *config = std::move(c);
  return Status::Ok();
}

}  // namespace netra
