// TelegramChannel: the Telegram Bot API as a Channel (webhook secret header, Update parsing,
// sendMessage/sendPhoto/sendDocument/answerCallbackQuery, getFile downloads, and its answers).
#pragma once

#include <cstdint>
#include <string>

#include "webhooks/channel/channel.h"

namespace netra {

struct TelegramOptions {
  std::string api = "https://api.telegram.org";  // no trailing slash
  std::string token;                             // the bot token
  std::string secret;                            // X-Telegram-Bot-Api-Secret-Token; empty refuses every request
  int64_t chat_interval_ms = 1000;               // Telegram's pace per chat
  int per_second = 30;                           // and overall
};

class TelegramChannel : public Channel {
 public:
  // `client` sends and fetches; it may be null for a channel that only verifies and parses.
  TelegramChannel(TelegramOptions options, ProviderClient* client);

  const std::string& name() const override;
  bool Verify(const WebhookRequest& request) const override;
  Status Parse(const nlohmann::json& body, std::vector<ChannelUpdate>* updates) const override;
  std::vector<OutboundCall> Render(const Reply& reply) const override;
  std::optional<OutboundCall> AcknowledgeButton(const std::string& callback_id) const override;
  bool IsChatMessage(const std::string& method) const override;
  ChannelPacing pacing() const override;
  SendOutcome Send(const OutboundCall& call, const std::string& destination, const SendOptions& options) override;
  SendOutcome Classify(const ProviderResponse& response, int64_t max_retry_after_seconds) const override;
  Status FetchMedia(const std::string& ref, std::string* bytes) override;

 private:
  std::string MethodPath(const std::string& method) const;

  TelegramOptions options_;
  ProviderClient* client_;
};

}  // namespace netra
