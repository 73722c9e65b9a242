// Config: every setting of Netra, read from the environment and an optional KEY=VALUE file.
// The environment wins over the file. Every invalid value is refused with a message naming its key.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "dialogs/chat_address.h"

namespace netra {

struct Config {
  std::string db_path = "netra.db";
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;

  std::string telegram_token;
  std::string telegram_secret;
  std::string telegram_api = "https://api.telegram.org";

  std::string whatsapp_token;
  std::string whatsapp_app_secret;
  std::string whatsapp_verify_token;
  std::string whatsapp_phone_id;
  std::string whatsapp_api = "https://graph.facebook.com/v21.0";

  std::vector<ChatAddress> reviewers;
  std::string secret_key_file = "netra.key";

  std::string kb_dir;       // knowledge base folder; default: DefaultDataDirs(ExecutablePath())
  std::string dialogs_dir;  // dialog scripts folder; default: DefaultDataDirs(ExecutablePath())
  std::string evidence_dir = "evidence";
  std::string tls_cert;
  std::string tls_key;
  size_t max_body_bytes = 1 << 20;
  std::chrono::seconds session_timeout{30 * 60};
  int retention_days = 90;
  // An update's dialog work longer than this is rolled back and counts towards its quarantine.
  std::chrono::milliseconds update_budget{3000};

  bool telegram_enabled() const { return !telegram_token.empty() && !telegram_secret.empty(); }
  bool whatsapp_enabled() const {
    return !whatsapp_token.empty() && !whatsapp_app_secret.empty() &&
           !whatsapp_verify_token.empty() && !whatsapp_phone_id.empty();
  }
  // True for "telegram" or "whatsapp" when that channel's credentials are given.
  bool channel_enabled(const std::string& channel) const {
    return channel == "telegram" ? telegram_enabled() : channel == "whatsapp" && whatsapp_enabled();
  }
};

// Where the program finds its knowledge base and dialog scripts unless NETRA_KB_DIR and
// NETRA_DIALOGS_DIR say otherwise.
struct DataDirs {
  std::string kb_dir;
  std::string dialogs_dir;
};

// The default data folders of the program at `exe_path`: for a program in this build's folder, the
// source tree's knowledge/ and dialogs/; for any other (installed, e.g. <prefix>/bin/netra), the
// folders beside it in the install layout, <prefix>/share/netra/{knowledge,dialogs}; with an empty
// `exe_path`, the configured install prefix's. Returns the two folders; does not check they exist.
DataDirs DefaultDataDirs(const std::string& exe_path);

// The running program's absolute path (/proc/self/exe), or "" when the system does not say.
std::string ExecutablePath();

// The keys Netra reads, for help texts and the README.
const std::vector<std::string>& ConfigKeys();

// Builds a Config from `file_path` (KEY=VALUE lines; empty path: no file) overlaid with `env`.
// Returns OK and fills *config on success; InvalidArgument naming the key on any invalid value,
// IoError when the file cannot be read.
Status LoadConfig(const std::string& file_path, const std::map<std::string, std::string>& env,
                  Config* config);

// The process environment's NETRA_* variables.
std::map<std::string, std::string> NetraEnvironment();

}  // namespace netra
