// WhatsAppChannel: the WhatsApp Cloud API as a Channel (the GET subscription handshake, the
// X-Hub-Signature-256 check, notifications, /messages and /media calls, media downloads, and the
// Graph API's error answers).
#pragma once

#include <cstdint>
#include <string>

#include "webhooks/channel/channel.h"

namespace netra {

struct WhatsAppOptions {
  std::string api = "https://graph.facebook.com/v21.0";  // no trailing slash
  std::string token;         // the access token (bearer)
  std::string phone_id;      // the business phone number id that sends
  std::string app_secret;    // signs the notifications; empty refuses every request
  std::string verify_token;  // the subscription handshake's token; empty refuses it
};

class WhatsAppChannel : public Channel {
 public:
  // `client` sends and fetches; it may be null for a channel that only verifies and parses.
  WhatsAppChannel(WhatsAppOptions options, ProviderClient* client);

  const std::string& name() const override;
  ChannelRoute route() const override;
  bool Verify(const WebhookRequest& request) const override;
  bool VerifySubscription(const WebhookRequest& request, std::string* answer) const override;
  Status Parse(const nlohmann::json& body, std::vector<ChannelUpdate>* updates) const override;
  std::vector<OutboundCall> Render(const Reply& reply) const override;
  SendOutcome Send(const OutboundCall& call, const std::string& destination, const SendOptions& options) override;
  SendOutcome Classify(const ProviderResponse& response, int64_t max_retry_after_seconds) const override;
  Status FetchMedia(const std::string& ref, std::string* bytes) override;

 private:
  WhatsAppOptions options_;
  ProviderClient* client_;
};

// Classifies WhatsApp's answer to a media upload. Returns kDelivered and sets *media_id when the
// upload gave an id; otherwise what to do with the message. Never throws.
SendOutcome ClassifyWhatsAppUpload(const ProviderResponse& response, std::string* media_id,
                                   int64_t max_retry_after_seconds = 3600);

}  // namespace netra
