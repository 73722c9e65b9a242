// Channel: everything Netra knows about one provider, in one object. A channel verifies the
// provider's webhook requests, parses their bodies into ChannelUpdates, renders a Reply into the
// provider's calls, sends a call to a destination, classifies the provider's answer and fetches
// media files. The webhook handler, the outbox, its sender and the evidence collector work with
// any Channel; a third provider is one more folder beside webhooks/telegram and webhooks/whatsapp.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "dialogs/message.h"
#include "webhooks/channel/channel_update.h"
#include "webhooks/channel/provider_client.h"

namespace netra {

// One call to a provider, without its destination (which the outbox keeps sealed apart).
struct OutboundCall {
  std::string method;       // the provider's method ("sendMessage", "messages") or a channel's own name
  nlohmann::json payload;   // the call's body; a file to upload carries "file_path", "mime", "caption"
};

// What one delivery attempt came to.
struct SendOutcome {
  enum class Kind { kDelivered, kRetry, kFailed } kind = Kind::kRetry;
  int64_t retry_after_seconds = 0;  // kRetry: at least this long (from the provider), 0: backoff
  bool unknown_reply = false;       // kRetry: an answer of a shape we do not know; retried fewer times
  std::string error;                // a short description for the outbox row and metrics
};

// How a send is made: its timeouts, and the longest wait a provider may ask for.
struct SendOptions {
  ProviderTimeouts timeouts;
  int64_t max_retry_after_seconds = 3600;  // a provider's retry_after is clamped to [1, this]
};

// How fast a channel may send. Zero means no limit.
struct ChannelPacing {
  int64_t chat_interval_ms = 0;  // between two messages to one chat
  int per_second = 0;            // all calls of the channel together
};

// A webhook request as a channel sees it. The lookups are case-insensitive for headers, as HTTP is.
struct WebhookRequest {
  std::function<std::string(const std::string& name)> header;
  std::function<std::string(const std::string& name)> param;  // query parameters
  std::string body;
};

// Where a channel's webhook lives: POST `path`, and GET `path` when the provider verifies the
// subscription with a GET first.
struct ChannelRoute {
  std::string path;
  bool subscription_get = false;
};

class Channel {
 public:
  virtual ~Channel() = default;

  // "telegram", "whatsapp": the channel's name in addresses, the outbox, metrics and routes.
  virtual const std::string& name() const = 0;
  virtual ChannelRoute route() const { return {"/webhook/" + name(), false}; }

  // Returns true when the POSTed request comes from the provider (secret header, signature);
  // false when it is forged or the channel has no secret.
  virtual bool Verify(const WebhookRequest& request) const = 0;
  // The provider's GET handshake. Returns true and sets *answer (the text to send back) when the
  // subscription is accepted; false otherwise (and always for channels without one).
  virtual bool VerifySubscription(const WebhookRequest& request, std::string* answer) const;

  // Parses one verified body into updates (several for a batched notification). Returns OK and
  // fills *updates; InvalidArgument when the body is not the provider's payload. May throw on JSON
  // of a shape nobody foresaw; callers treat that as InvalidArgument.
  virtual Status Parse(const nlohmann::json& body, std::vector<ChannelUpdate>* updates) const = 0;

  // The calls that deliver `reply`: text parts, buttons, then evidence files to upload from disk.
  virtual std::vector<OutboundCall> Render(const Reply& reply) const = 0;
  // The call that acknowledges a pressed button (`callback_id` from ChannelUpdate), if the
  // provider wants one; nullopt otherwise.
  virtual std::optional<OutboundCall> AcknowledgeButton(const std::string& callback_id) const;
  // True when `method` counts as a message to the chat for ChannelPacing::chat_interval_ms.
  virtual bool IsChatMessage(const std::string& /*method*/) const { return true; }
  virtual ChannelPacing pacing() const { return {}; }

  // Sends `call` to `destination` (a chat id, a phone number) and classifies the answer. Never
  // throws on a provider's answer; returns kFailed for a call the channel does not know.
  virtual SendOutcome Send(const OutboundCall& call, const std::string& destination, const SendOptions& options) = 0;
  // Classifies the provider's answer to a send. Pure; never throws; retry_after_seconds is
  // clamped to [1, max_retry_after_seconds] when set.
  virtual SendOutcome Classify(const ProviderResponse& response, int64_t max_retry_after_seconds) const = 0;

  // Downloads the media file `ref` (a file id, a media id). Returns OK and fills *bytes;
  // Unavailable on a transport or provider error, or when the channel cannot fetch (no token).
  virtual Status FetchMedia(const std::string& ref, std::string* bytes) = 0;
};

// The channel named `name` among `channels`, or nullptr.
Channel* FindChannel(const std::vector<Channel*>& channels, const std::string& name);

}  // namespace netra
